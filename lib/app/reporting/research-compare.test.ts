import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgResearchArchive } from '../../adapters/postgres/research-archive.repo.ts';
import { PgResearchRunsReader } from '../../adapters/postgres/research-runs.reader.ts';
import { groupFigures } from '../research/event-groups.ts';
import { eventStudyDocument, type EventStudySettings } from '../research/event-study-report.ts';
import type { NewsEvent } from '../research/news-events.ts';
import { welchTest } from '../../domain/research/welch-test.ts';
import { researchCompareView, settingsDiff } from './research-compare.ts';

// Event studies built from events by the production grouping (groupFigures) and saved through the archive, which
// parses them with the stored document's schema; then compared as the dashboard asks for it.
const HORIZONS = ['1m', '5m', 'close'];
const settings = (over: Partial<EventStudySettings> = {}): EventStudySettings => ({
  from: '2026-11-02', to: '2026-11-06', symbols: null, horizons: HORIZONS, newsLatency: 'News latency: 2 s', spreadModel: 'half the quoted spread',
  indexSymbol: null, bootstrap: { resamples: 200, level: 0.95, seed: 1 }, ...over,
});
function event(id: string, catalyst: string, r: number): NewsEvent {
  return {
    source: 'sim', sourceId: id, version: 1, knownAt: 1_700_000_000_000, symbol: 'ABC', headline: `${catalyst} ${id}`, catalyst, sentiment: 'positive', sentimentScore: 0.5, direction: 1,
    phase: 'midday', relativeVolume: null, rvolBucket: 'unknown', spreadBps: 5, entryT: 1_700_000_060_000, entryPrice: 10,
    returns: { '1m': r / 10, '5m': r / 2, close: r }, adjusted: { '1m': null, '5m': null, close: null }, mae: -0.001, mfe: 0.002, textLaterThanKnown: false,
  };
}
// Earnings moves strongly and consistently in A, barely in B; analyst notes are noise in both.
const spreadOut = (k: number, base: number, step: number) => Array.from({ length: k }, (_, i) => base + (i - (k - 1) / 2) * step);
const eventsA = [...spreadOut(30, 0.02, 0.0004).map((r, i) => event(`a-e${i}`, 'earnings', r)), ...spreadOut(12, 0.001, 0.002).map((r, i) => event(`a-n${i}`, 'analyst', r)), event('a-m0', 'merger', 0.03)];
const eventsB = [...spreadOut(25, 0.001, 0.0004).map((r, i) => event(`b-e${i}`, 'earnings', r)), ...spreadOut(10, 0.0015, 0.002).map((r, i) => event(`b-n${i}`, 'analyst', r))];
const doc = (s: EventStudySettings, events: NewsEvent[]) => eventStudyDocument(s, events, groupFigures(events, s.horizons, s.bootstrap.seed, s.bootstrap), { laterVersions: 0, outsideWindow: 0, noSymbolBars: 0, noBarAfterNews: 0 });

describe('comparing research runs', () => {
  let db: TestDb;
  let deps: { research: PgResearchRunsReader };
  const ids = { a: 0, b: 0, overlap: 0 };
  beforeAll(async () => {
    db = await createTestDb();
    deps = { research: new PgResearchRunsReader(db.pool) };
    const archive = new PgResearchArchive(db.pool);
    ids.a = await archive.saveEventStudy(doc(settings(), eventsA) as never);
    ids.b = await archive.saveEventStudy(doc(settings({ from: '2026-11-09', to: '2026-11-13', newsLatency: 'News latency: 30 s' }), eventsB) as never);
    // The same week as A again, with a longer latency: the same news in both.
    ids.overlap = await archive.saveEventStudy(doc(settings({ newsLatency: 'News latency: 30 s' }), eventsA.slice(0, 20)) as never);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('tests_each_catalyst_difference_with_welch_and_holm_and_highlights_only_what_survives', async () => {
    const view = await researchCompareView(deps, { a: ids.a, b: ids.b });
    const cmp = view.eventStudies!;
    expect(cmp.horizons).toEqual(HORIZONS);
    expect(cmp.catalysts.map((c) => c.catalyst)).toEqual(['all', 'earnings', 'analyst', 'merger']);
    const earnings = cmp.catalysts.find((c) => c.catalyst === 'earnings')!;
    expect([earnings.eventsA, earnings.eventsB, earnings.shared]).toEqual([30, 25, 0]);
    const close = earnings.horizons.find((h) => h.horizon === 'close')!;
    expect(close.difference).toBeCloseTo(0.02 - 0.001, 12);
    // The same Welch figure as from the raw returns, and Holm over every test on the page (4 rows x 3 horizons, less merger's 3).
    const raw = (xs: NewsEvent[]) => {
      const v = xs.filter((e) => e.catalyst === 'earnings').map((e) => e.returns.close!);
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return { n: v.length, mean: m, sd: Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1)) };
    };
    expect(close.test!.t).toBeCloseTo(welchTest(raw(eventsA), raw(eventsB))!.t, 9);
    expect(cmp.tests).toBe(9);
    expect(close.test!.pAdjusted).toBeGreaterThanOrEqual(close.test!.p);
    expect(close.test!.significant).toBe(true);
    const analyst = cmp.catalysts.find((c) => c.catalyst === 'analyst')!.horizons.find((h) => h.horizon === 'close')!;
    expect(analyst.test!.significant).toBe(false);
    const merger = cmp.catalysts.find((c) => c.catalyst === 'merger')!;
    expect([merger.eventsA, merger.eventsB]).toEqual([1, 0]);
    expect(merger.horizons.every((h) => h.test === null && h.untested === 'no mean in one study')).toBe(true);
    expect(cmp.significant).toBe(cmp.catalysts.flatMap((c) => c.horizons).filter((h) => h.test?.significant).length);
    expect(cmp.method).toContain("Welch's two-sided t-test");
    expect(cmp.method).toContain('Holm');
  });

  it('shows_the_settings_and_assumptions_that_differ_and_the_different_windows', async () => {
    const view = await researchCompareView(deps, { a: ids.a, b: ids.b });
    expect(view.settings.differ.map((d) => d.key)).toEqual(['from', 'newsLatency', 'to']);
    expect(view.settings.differ.find((d) => d.key === 'newsLatency')).toMatchObject({ a: 'News latency: 2 s', b: 'News latency: 30 s' });
    expect(view.assumptions.onlyA).toEqual(['News latency: 2 s']);
    expect(view.assumptions.onlyB).toEqual(['News latency: 30 s']);
    expect(view.assumptions.shared).toContain('Spread: half the quoted spread');
    expect(view.notes.join(' ')).toContain('different windows');
  });

  it('declines_to_test_differences_between_studies_that_share_events', async () => {
    const cmp = (await researchCompareView(deps, { a: ids.a, b: ids.overlap })).eventStudies!;
    expect(cmp.sharedEvents).toBe(20);
    expect(cmp.catalysts.find((c) => c.catalyst === 'earnings')!.shared).toBe(20);
    const tested = cmp.catalysts.flatMap((c) => c.horizons).filter((h) => h.test !== null);
    expect(tested).toEqual([]);
    expect(cmp.catalysts.find((c) => c.catalyst === 'earnings')!.horizons[0]!.untested).toBe('20 event(s) in both studies: not independent samples');
  });

  it('diffs_nested_settings_and_long_lists_by_what_each_side_lacks', () => {
    const a = { from: '2026-11-16', symbols: Array.from({ length: 20 }, (_, i) => `S${i}`), strategy: { STRATEGY_STOP_ATR: 2, STRATEGY_REWARD_RISK: 2 } };
    const b = { from: '2026-11-16', symbols: [...Array.from({ length: 18 }, (_, i) => `S${i}`), 'X1'], strategy: { STRATEGY_STOP_ATR: 1.5, STRATEGY_REWARD_RISK: 2 } };
    const d = settingsDiff(a, b);
    expect(d.differ).toEqual([
      { key: 'strategy.STRATEGY_STOP_ATR', a: '2', b: '1.5', note: null },
      { key: 'symbols', a: '20 items', b: '19 items', note: '2 only in A, 1 only in B' },
    ]);
    expect(d.same).toBe(2);
  });

  it('refuses_a_missing_run_by_its_id', async () => {
    await expect(researchCompareView(deps, { a: ids.a, b: 987_654 })).rejects.toThrow('No research run 987654');
  });
});
