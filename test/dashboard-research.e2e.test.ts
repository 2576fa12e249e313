import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebSystem, type WebSystem } from './support/web-system.ts';
import { createTestDb, type TestDb } from './support/db.ts';
import { buildDashboard } from '../scripts/dashboard-bundle.ts';
import { runBacktest, type BacktestResult } from '../lib/compose/backtest/run-backtest.ts';
import { syntheticReplayFeed } from '../lib/adapters/replay/synthetic-replay-feed.ts';
import { backtestReportDocument } from '../scheduler/backtest-report-writer.ts';
import { strategySettings } from '../scheduler/backtest-settings.ts';
import { saveResearchRun } from '../scheduler/research/save-research-run.ts';
import { createTrialRunner } from '../lib/compose/research/backtest-trial.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { memoryStores } from '../lib/compose/memory-stores.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { recordSyntheticHistory } from '../lib/adapters/replay/synthetic-history.ts';
import { loadEventStudyData } from '../lib/adapters/replay/event-study-data.ts';
import { DEFAULT_NEWS_LATENCY, describeNewsLatency, newsDelayOf } from '../lib/adapters/sim/sim-news-source.ts';
import { PgResearchStore } from '../lib/adapters/postgres/research.repo.ts';
import { runEventStudy } from '../lib/app/research/event-study.ts';
import { runWalkForward, type WalkForwardReport } from '../lib/app/research/walk-forward.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { DEFAULT_HORIZONS } from '../lib/domain/research/forward-returns.ts';
import { PARAMETER_SPACE } from '../lib/config/parameter-space.ts';
import type { BacktestReportFile } from '../lib/domain/research/backtest-report.schema.ts';
import type { EventStudyDocument } from '../lib/app/research/event-study-report.ts';
import { compareEventStudies } from '../lib/app/reporting/event-study-compare.ts';

// The Research views in Debian's headless Chromium against the reporting functions, over runs recorded here by
// the real code: two short synthetic backtests saved as `--save` saves them, a synthetic event study, and a
// tiny walk-forward study whose trials are whole-system backtests. Each view must show the stored figures.
const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const ART = path.join(ROOT, 'test-artifacts', 'dashboard-research');
const DAY = '2026-11-16';
// Seed 4's 150-symbol market on DAY trades these five (the README's reference run); replaying only them keeps it short.
const SYMBOLS = ['EMXC', 'ARDM', 'XANI', 'CRS', 'RHO'];
const BASE_ENV = { TRADING_MODE: 'backtest', LOG_LEVEL: 'error', CATALYST_ROOT: ROOT, SIM_SEED: '4', SIM_SYMBOLS: '150', SIM_NEWS_RATE: '6' };

async function savedBacktest(url: string, overrides: Record<string, string>): Promise<{ id: number; doc: BacktestReportFile; result: BacktestResult }> {
  const env = { ...BASE_ENV, ...overrides };
  const market = createSyntheticMarket({ seed: 4, start: '2026-09-17', symbols: 150, crypto: false, newsRate: 6 });
  const feed = syntheticReplayFeed(market, { from: DAY, to: DAY, symbols: SYMBOLS });
  const clock = steppingClock(newYorkTime(DAY, '00:00'));
  const result = await runBacktest({ feed, from: DAY, to: DAY, env, clock, stores: memoryStores({ clock }), detail: true });
  const settings = { from: DAY, to: DAY, sessions: 1, symbols: feed.assets().map((a) => a.symbol), history: 'synthetic', storage: 'memory', seed: 4, quietStepMinutes: 15, strategy: strategySettings(loadConfig(env) as never) } as const;
  const doc = backtestReportDocument(settings, result);
  return { id: await saveResearchRun(url, (a) => a.saveBacktest(doc)), doc, result };
}

describe('the research views in headless Chromium', () => {
  let sys: WebSystem;
  let history: TestDb;
  let dashboardDir = '';
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let bt: Awaited<ReturnType<typeof savedBacktest>>;
  let bt2: Awaited<ReturnType<typeof savedBacktest>>;
  let study: { id: number; doc: EventStudyDocument };
  let study2: { id: number; doc: EventStudyDocument };
  let wf: WalkForwardReport;
  const shot = (name: string) => page.screenshot({ path: path.join(ART, `${name}.png`), fullPage: true });
  const text = (sel: string) => page.locator(sel).first().textContent();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium. Never download a browser for this test.`);
    await mkdir(ART, { recursive: true });
    dashboardDir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-research-e2e-'));
    await buildDashboard(dashboardDir, '');
    [sys, history] = await Promise.all([startWebSystem({ dashboardDir }), createTestDb()]);
    const url = sys.env.DATABASE_URL!;

    bt = await savedBacktest(url, {});
    bt2 = await savedBacktest(url, { STRATEGY_REWARD_RISK: '1', STRATEGY_STOP_ATR: '1.5' });

    // The event study over the synthetic market recorded as history (its own schema), saved like --save.
    const repo = new PgHistoryRepo(history.pool);
    const market = createSyntheticMarket({ seed: 4, start: addDays(DAY, -70), symbols: 20, crypto: false, newsRate: 8 });
    const recorded = await recordSyntheticHistory(repo, market, { from: DAY, to: '2026-11-18' });
    // Two studies of different news (A: the 16th and 17th; B: the 18th, with fewer bootstrap resamples) to compare.
    const studyOf = async (from: string, to: string, resamples: number) => {
      const data = await loadEventStudyData(repo, { from, to, spreadBps: recorded.spreadBps });
      const doc = runEventStudy({
        ...data, assets: recorded.assets, latencyOf: (n) => newsDelayOf(n, DEFAULT_NEWS_LATENCY), newsLatency: describeNewsLatency(DEFAULT_NEWS_LATENCY),
        from: newYorkTime(from, '00:00'), to: newYorkTime(addDays(to, 1), '00:00'), fromDate: from, toDate: to, horizons: DEFAULT_HORIZONS, seed: 1, bootstrap: { resamples, level: 0.95 },
      });
      return { id: await saveResearchRun(url, (a) => a.saveEventStudy(doc)), doc };
    };
    study = await studyOf(DAY, '2026-11-17', 300);
    study2 = await studyOf('2026-11-18', '2026-11-18', 200);

    // A tiny walk-forward study: 3 sessions, 2 folds of 1 in-sample and 1 out-of-sample session, 2 trials a fold.
    const runner = await createTrialRunner({ history: { kind: 'synthetic', seed: 4, symbols: 150, newsRate: 6 }, env: BASE_ENV, from: DAY, to: '2026-11-18', symbols: SYMBOLS });
    wf = await runWalkForward(
      {
        sessions: calendarBetween(DAY, '2026-11-18').map((s) => s.date), plan: { folds: 2, inSampleSessions: 1, outOfSampleSessions: 1 },
        space: PARAMETER_SPACE, trials: 2, sampler: 'random', eta: 3, objective: 'net_pnl', minTrades: 0, seed: 5, monteCarloSamples: 200, context: { synthetic: { seed: 4, symbols: 150 }, symbols: SYMBOLS },
      },
      { invoker: { concurrency: 1, run: (r) => runner.run(r), close: async () => undefined }, store: new PgResearchStore(sys.db.pool), now: () => performance.now() },
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(`${page.url().split('#')[1] ?? ''}: ${e.stack ?? e.message}`));
    await page.goto(`${sys.server.url}/`);
    await page.fill('#password', sys.password);
    await page.click('form.login button[type=submit]');
    await page.locator('[data-stat="Equity"]').waitFor({ timeout: 20_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
    await history?.drop();
    if (dashboardDir) await rm(dashboardDir, { recursive: true, force: true });
  }, 30_000);

  it('recorded_real_runs_with_trades_events_and_folds', () => {
    expect(bt.result.failedTicks).toBe(0);
    expect(bt.doc.trades.length).toBeGreaterThan(0);
    expect(bt.doc.trades.every((t) => t.audit !== null)).toBe(true);
    expect(bt2.doc.digest).not.toBe(bt.doc.digest);
    expect(study.doc.events.length).toBeGreaterThan(0);
    expect(wf.folds).toHaveLength(2);
  });

  it('lists_every_run_with_its_kind_range_settings_digest_headline_and_assumptions', async () => {
    await page.goto(`${sys.server.url}/#/research`);
    await page.locator('[data-testid=research-table] tbody tr').nth(4).waitFor({ timeout: 15_000 });
    const rows = page.locator('[data-testid=research-table] tbody tr');
    expect(await rows.count()).toBe(5);
    const row = (id: number) => page.locator('[data-testid=research-table] tbody tr', { hasText: `#${id}` });
    expect(await row(bt.id).textContent()).toContain('Backtest');
    expect(await row(bt.id).textContent()).toContain(`${bt.doc.metrics.trades} trades`);
    expect(await row(bt.id).locator('code').textContent()).toMatch(/^[0-9a-f]{12}$/);
    expect(await row(bt.id).textContent()).toContain(`${bt.doc.assumptions.length} assumptions`);
    expect(await row(study.id).textContent()).toContain(`${study.doc.events.length} events`);
    expect(await row(wf.runId).textContent()).toContain(`out of sample: ${wf.outOfSample.metrics.trades} trades`);
    expect(await row(wf.runId).textContent()).toContain('2026-11-16 → 2026-11-18');
    await shot('01-research-list');
  }, 60_000);

  it('shows_a_backtest_with_its_metrics_assumptions_equity_trades_and_their_audits', async () => {
    await page.goto(`${sys.server.url}/#/research-run/${bt.id}`);
    await page.locator('[data-testid=bt-metrics]').waitFor({ timeout: 15_000 });
    expect(await text('[data-testid=bt-digest]')).toBe(bt.doc.digest.slice(0, 16));
    expect(await text('[data-testid=bt-metrics] [data-stat="Trades"] dd')).toBe(String(bt.doc.metrics.trades));
    const usd = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(await text('[data-testid=bt-metrics] [data-stat="Net P&L (after fees)"] dd')).toBe(usd(bt.doc.metrics.netPnlUsd));
    expect(await page.locator('[data-testid=run-assumptions] li').allTextContents()).toEqual(bt.doc.assumptions);
    expect(await page.locator('[data-testid=bt-equity-chart] canvas').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => performance.getEntriesByName('catalyst:research-equity-drawn').length)).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=bt-trades] > tbody > tr').count()).toBe(bt.doc.trades.length);
    const first = bt.doc.trades[0]!;
    const audit = first.audit as { signal: { explanation: string } | null; news: { headline: string }[] };
    const details = page.locator('[data-testid=bt-audit]').first();
    await details.locator(':scope > summary').click();
    expect(await details.locator('[data-testid=why-in]').textContent()).toBe(audit.signal!.explanation);
    expect(await details.locator('[data-testid=audit-news]').textContent()).toContain(audit.news[0]!.headline);
    expect(await page.locator('[data-testid=bt-sessions] > tbody > tr').count()).toBe(1);
    await shot('02-research-backtest');
  }, 60_000);

  it('compares_two_backtests_side_by_side_with_their_equity_overlaid', async () => {
    await page.goto(`${sys.server.url}/#/research`);
    await page.locator(`input[data-run="${bt.id}"]`).check();
    await page.locator(`input[data-run="${bt2.id}"]`).check();
    await page.click('[data-testid=compare]');
    await page.locator('[data-testid=compare-metrics]').waitFor({ timeout: 15_000 });
    expect(page.url()).toContain(`#/research-compare/${bt.id}/${bt2.id}`);
    const cells = await page.locator('[data-testid=compare-metrics] tr[data-row="Trades"] td').allTextContents();
    expect(cells).toEqual(['Trades', String(bt.doc.metrics.trades), String(bt2.doc.metrics.trades)]);
    expect(await page.locator('[data-testid=compare-settings] tr[data-setting="strategy.STRATEGY_REWARD_RISK"] td').allTextContents()).toEqual(['strategy.STRATEGY_REWARD_RISK', String(bt.doc.settings.strategy.STRATEGY_REWARD_RISK), '1']);
    expect(await page.locator('[data-testid=compare-assumptions-same]').count()).toBe(1);
    expect(await page.locator('[data-testid=compare-chart] canvas').count()).toBeGreaterThan(0);
    await shot('03-research-compare');
  }, 60_000);

  it('filters_the_list_by_studied_window_kind_and_date_saved_from_a_shareable_address', async () => {
    await page.goto(`${sys.server.url}/#/research`);
    await page.locator('[data-testid=research-table]').waitFor({ timeout: 15_000 });
    await page.fill('[data-testid=filter-from]', '2026-11-18');
    await page.fill('[data-testid=filter-to]', '2026-11-18');
    await page.click('[data-testid=research-filters] button[type=submit]');
    await page.waitForURL(/from=2026-11-18&to=2026-11-18/);
    const ids = () => page.locator('[data-testid=research-table] tbody tr td:first-child').allTextContents();
    // The new page says its filter at once; its rows follow when the list has loaded.
    const listed = async (summary: string, rows: number) => {
      await page.locator('[data-testid=filter-summary]', { hasText: summary }).waitFor({ timeout: 15_000 });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=research-table] tbody tr').length === n, rows, { timeout: 15_000 });
    };
    // Windows overlapping the 18th: the second study and the walk-forward study (16th to 18th); not the backtests of the 16th.
    await listed('overlaps 2026-11-18 → 2026-11-18', 2);
    expect(await ids()).toEqual([`#${wf.runId}`, `#${study2.id}`].sort((x, y) => Number(y.slice(1)) - Number(x.slice(1))));
    // The kind chip keeps the dates.
    await page.click('.chips a:has-text("Event study")');
    await page.waitForURL(/kind=event-study&from=2026-11-18&to=2026-11-18/);
    await listed('Event study, studying', 1);
    expect(await ids()).toEqual([`#${study2.id}`]);
    // By the date saved (New York dates): everything was saved after New Year 2026, nothing before it.
    await page.goto(`${sys.server.url}/#/research?savedFrom=2026-01-01`);
    await listed('saved from 2026-01-01', 5);
    await page.goto(`${sys.server.url}/#/research?savedTo=2025-12-31`);
    await page.getByText('No run matches this filter.').waitFor({ timeout: 15_000 });
    // A shared address with a bad date: the server's 400 names the field, shown on the page.
    await page.goto(`${sys.server.url}/#/research?from=2026-02-30`);
    await page.locator('[data-testid=filter-error]').waitFor({ timeout: 15_000 });
    expect(await text('[data-testid=filter-error]')).toContain('from expected a calendar date as YYYY-MM-DD');
    await shot('06-research-filtered');
  }, 60_000);

  it('compares_two_event_studies_per_catalyst_highlighting_only_tested_differences', async () => {
    const expected = compareEventStudies(study.doc, study2.doc);
    await page.goto(`${sys.server.url}/#/research?kind=event-study`);
    await page.locator(`input[data-run="${study.id}"]`).check();
    await page.locator(`input[data-run="${study2.id}"]`).check();
    await page.click('[data-testid=compare]');
    await page.locator('[data-testid=compare-events]').waitFor({ timeout: 15_000 });
    // Each catalyst (and all events) as three rows: study A, study B, and the difference.
    expect(await page.locator('[data-testid=compare-events] tbody tr').count()).toBe(expected.catalysts.length * 3);
    expect(await page.locator('[data-testid=compare-events] thead th').allTextContents()).toEqual(['Catalyst', '', 'n', '+1m', '+5m', '+15m', '+60m', 'to the close']);
    const all = expected.catalysts[0]!;
    expect(all.catalyst).toBe('all');
    const row = (side: string) => page.locator(`[data-testid=compare-events] tr[data-catalyst="all"][data-side="${side}"]`);
    expect([await row('a').locator('td.n').textContent(), await row('b').locator('td.n').textContent()]).toEqual([String(study.doc.events.length), String(study2.doc.events.length)]);
    // Only the differences the test calls significant are highlighted, and the page says how many were tested.
    expect(expected.tests).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=compare-events] td[data-significant=true]').count()).toBe(expected.significant);
    expect(await text('[data-testid=compare-events-verdict]')).toContain(`${expected.significant} of ${expected.tests} tested differences significant`);
    expect(await text('[data-testid=compare-events-method]')).toContain("Welch's two-sided t-test");
    const close = all.horizons.find((x) => x.horizon === 'close')!;
    const cell = await row('a').locator('td[data-horizon="close"]').textContent();
    expect(cell).toContain(`${(close.a!.mean! * 10_000).toFixed(1)} bps`);
    expect(cell).toContain(`hit ${(close.a!.hitRate! * 100).toFixed(0)} %`);
    expect(await row('diff').locator('td[data-horizon="close"]').textContent()).toContain(close.test ? 'Holm' : 'not tested');
    // What differs besides the news: the windows, the bootstrap setting, and the assumption that states it.
    expect(await text('[data-testid=compare-notes]')).toContain('different windows');
    expect(await page.locator('[data-testid=compare-settings] tr[data-setting="bootstrap.resamples"] td').allTextContents()).toEqual(['bootstrap.resamples', '300', '200']);
    expect(await text('[data-testid=compare-assumptions]')).toContain('Bootstrap interval: 300 resamples at 95 %');
    await shot('07-research-compare-event-studies');
  }, 60_000);

  it('shows_an_event_study_as_group_tables_and_mean_return_after_news_per_catalyst', async () => {
    await page.goto(`${sys.server.url}/#/research-run/${study.id}`);
    await page.locator('[data-testid=es-table-catalyst]').waitFor({ timeout: 15_000 });
    const catalysts = study.doc.groups.filter((g) => g.dimension === 'catalyst');
    expect(await page.locator('[data-testid=es-table-catalyst] tbody tr').count()).toBe(catalysts.length);
    const g = catalysts[0]!;
    const row = await page.locator(`[data-testid=es-table-catalyst] tr[data-group="${g.group}"] td`).allTextContents();
    expect(row[1]).toBe(String(g.events));
    const mean = g.returns['1m']!.mean;
    expect(row[2]).toBe(mean === null ? '—' : `${(mean * 10_000).toFixed(1)} bps (t ${g.returns['1m']!.t === null ? '—' : Number(g.returns['1m']!.t.toFixed(1)).toLocaleString('en-US')})`);
    // One line per catalyst (and all events) over +1m, +5m, +15m, +60m and the close.
    expect(await page.locator('[data-testid=es-curve] svg text', { hasText: '+60m' }).count()).toBe(1);
    const lines = await page.locator('[data-testid=es-curve] ul.legend li').allTextContents();
    expect(lines).toEqual(study.doc.groups.filter((x) => x.dimension === 'all' || x.dimension === 'catalyst').map((x) => `${x.group} (${x.events})`));
    await shot('04-research-event-study');
  }, 60_000);

  it('shows_a_walk_forward_study_in_and_out_of_sample_with_sensitivity', async () => {
    await page.goto(`${sys.server.url}/#/research-run/${wf.runId}`);
    await page.locator('[data-testid=wf-folds]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=wf-folds] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid=wf-headline] tr[data-row="Trades"] td').nth(1).textContent()).toBe(String(wf.outOfSample.metrics.trades));
    expect(await text('[data-testid=wf-scores]')).toContain('PSR');
    const fold = page.locator('[data-testid=wf-folds] tbody tr').first();
    expect(await fold.textContent()).toContain('2026-11-16 → 2026-11-16 (1)');
    expect(await fold.textContent()).toContain('2026-11-17 → 2026-11-17 (1)');
    expect(await page.locator('[data-testid=wf-sensitivity] [data-parameter]').count()).toBe(PARAMETER_SPACE.length);
    expect(await page.locator('[data-testid=wf-equity-chart] canvas').count()).toBeGreaterThan(0);
    await shot('05-research-walk-forward');
  }, 60_000);

  it('answers_bad_query_input_with_400_naming_the_field', async () => {
    const { accessToken } = await sys.login();
    const get = (q: string) => fetch(`${sys.server.webUrl('reporting/research-run')}?${q}`, { headers: { authorization: `Bearer ${accessToken}` } });
    const bad = await get('id=abc');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id');
    const kind = await fetch(`${sys.server.webUrl('reporting/research-runs')}?kind=optimiser`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(kind.status).toBe(400);
    expect(await kind.text()).toContain('kind');
    expect((await get('id=99999')).status).toBe(404);
    const runs = (q: string) => fetch(`${sys.server.webUrl('reporting/research-runs')}?${q}`, { headers: { authorization: `Bearer ${accessToken}` } });
    const reversed = await runs('from=2026-11-20&to=2026-11-01');
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain('to expected a date on or after from');
    expect((await runs('savedFrom=2026-13-01')).status).toBe(400);
    const same = await fetch(`${sys.server.webUrl('reporting/research-compare')}?a=${bt.id}&b=${bt.id}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('b expected a run other than a');
    expect((await fetch(`${sys.server.webUrl('reporting/research-compare')}?a=${bt.id}&b=99999`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(404);
    expect((await fetch(`${sys.server.webUrl('reporting/research-runs')}`)).status).toBe(401);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
