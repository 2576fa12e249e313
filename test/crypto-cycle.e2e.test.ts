import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { bodyOf, importMains, lateInvoker, runtimeFor, steppingClock, WORKER_IDS, tearDownInProcessSystem } from './support/sim-system.ts';
import type { Runtime } from '../lib/compose/runtime.ts';
import { getWorld } from '../lib/compose/world.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarDay } from '../lib/domain/calendar/nyse-calendar.ts';
import type { TickReport } from '../lib/app/coordinator/run-tick.ts';

/**
 * The crypto cycle on a Saturday night, through the real coordinator tick (in-process functions, a
 * stepping clock, real Postgres and Redis). With CRYPTO_ENABLED the synthetic market has three pairs; news
 * comes at 20× the default rate so a pair has a catalyst within the window. From 02:00 to 03:30 New York
 * time the tick runs the crypto stage every 15 minutes: it refreshes the pairs' daily statistics, ranks the
 * pairs with news, and at 03:00 (seed 1) SOL/USD's catalyst is confirmed by a break of the day's high; the
 * entry passes the risk gate with the stock market shut and goes out as a gtc market order in the pair's
 * quantity increments; the partly filled position is protected by a broker-side stop-limit and managed every tick.
 */
const DAY = '2026-11-21';
const FROM = newYorkTime(DAY, '02:00');
const TO = newYorkTime(DAY, '03:30');
const MINUTE = 60_000;

describe('the crypto cycle on a Saturday night (real Postgres and Redis)', () => {
  let db: TestDb;
  let runtime: Runtime;
  const ticks: { at: number; report: TickReport }[] = [];
  const cryptoStages = () => ticks.flatMap((t) => t.report.stages.filter((s) => s.name === 'crypto').map((s) => ({ at: t.at, ...s })));

  beforeAll(async () => {
    db = await createTestDb();
    const clock = steppingClock(FROM);
    const late = lateInvoker();
    runtime = runtimeFor({ ...process.env, TRADING_MODE: 'sim', ...runtimeEnvFor(db), SIM_SEED: '1', SIM_SYMBOLS: '5', SIM_NEWS_RATE: '20', CRYPTO_ENABLED: 'true' }, { clock, simMarketStart: addDays(DAY, -60), invoker: late });
    const mains = await importMains([...WORKER_IDS, 'coordinator/tick'], runtime);
    late.bind(mains);
    for (let at = FROM; at <= TO; at += MINUTE) {
      clock.set(at);
      ticks.push({ at, report: bodyOf<TickReport>(await mains.get('coordinator/tick')!({})) });
    }
  }, 60_000);

  afterAll(() => tearDownInProcessSystem(runtime, db));

  it('runs_the_crypto_stage_every_15_minutes_and_no_stock_stage_on_a_saturday', () => {
    expect(calendarDay(DAY)).toBeNull();
    expect(ticks.every((t) => t.report.status === 'ok')).toBe(true);
    expect(cryptoStages().map((s) => new Date(s.at).toISOString().slice(11, 16))).toEqual(['07:00', '07:15', '07:30', '07:45', '08:00', '08:15', '08:30']);
    const names = new Set(ticks.flatMap((t) => t.report.stages.map((s) => s.name)));
    for (const stock of ['scan', 'analyze', 'execute', 'flatten'] as const) expect(names.has(stock)).toBe(false);
    // Exits are checked every tick around the clock (crypto has no stop at the broker).
    expect(ticks.every((t) => t.report.stages.some((s) => s.name === 'manage_exits'))).toBe(true);
    // The weekend refresh stores the pairs' daily statistics (the liquidity check needs them).
    expect(ticks[0]!.report.stages.map((s) => s.name)).toEqual(['reconcile', 'refresh_universe', 'news', 'manage_exits', 'crypto']);
  });

  it('stores_daily_statistics_for_the_pairs_from_completed_new_york_days', async () => {
    const { rows } = await db.pool.query<{ symbol: string; as_of: Date; avg_dollar_volume_20d: number }>(`SELECT symbol, as_of, avg_dollar_volume_20d FROM symbol_stats WHERE symbol LIKE '%/USD' ORDER BY symbol`);
    expect(rows.map((r) => r.symbol)).toEqual(['BTC/USD', 'ETH/USD', 'SOL/USD']);
    for (const r of rows) {
      expect(r.as_of.toISOString().slice(0, 10)).toBe('2026-11-20');
      expect(r.avg_dollar_volume_20d).toBeGreaterThan(1_000_000);
    }
  });

  it('ranks_the_pairs_with_news_into_crypto_candidates_with_their_reasons', async () => {
    const withCandidates = cryptoStages().filter((s) => (s.counts.candidates ?? 0) > 0);
    expect(withCandidates.length).toBeGreaterThan(0);
    const { rows } = await db.pool.query<{ symbol: string; reasons: string[] }>(`SELECT symbol, reasons FROM candidates ORDER BY id`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.symbol.endsWith('/USD'))).toBe(true);
    expect(rows[0]!.reasons[0]).toMatch(/^Catalyst /);
    expect(rows[0]!.reasons[1]).toMatch(/Relative volume [\d.]+x the usual by this time of day/);
  });

  it('places_a_crypto_entry_through_the_risk_gate_with_the_stock_market_shut_and_explains_it', async () => {
    const { rows } = await db.pool.query<{ symbol: string; status: string; reason: string; request: { timeInForce: string; type: string; qty: number; orderClass?: string }; risk: { checks: { check: string; passed: boolean; inputs: Record<string, unknown> }[] }; created_at: Date }>(
      `SELECT symbol, status, reason, request, risk, created_at FROM intents WHERE kind = 'entry'`,
    );
    expect(rows).toHaveLength(1);
    const entry = rows[0]!;
    expect(entry).toMatchObject({ symbol: 'SOL/USD', status: 'accepted', request: { timeInForce: 'gtc', type: 'market' } });
    expect(entry.request.orderClass).toBeUndefined();
    expect(entry.created_at.getTime()).toBe(newYorkTime(DAY, '03:00'));
    expect(entry.reason).toMatch(/^Enter long [\d.]+ SOL\/USD .*Long SOL\/USD at [\d.]+: score .* setup: day-high-break/);
    // The pair's quantity is a fraction in its increment, not whole shares.
    const asset = getWorld(runtime).market!.assets().find((a) => a.symbol === 'SOL/USD')!;
    expect(Number.isInteger(entry.request.qty)).toBe(false);
    expect(Math.abs(entry.request.qty / asset.minTradeIncrement - Math.round(entry.request.qty / asset.minTradeIncrement))).toBeLessThan(1e-6);
    // Every check passed, the session check for crypto although the stock market is closed.
    expect(entry.risk.checks.length).toBeGreaterThan(5);
    expect(entry.risk.checks.every((c) => c.passed)).toBe(true);
    expect(entry.risk.checks.find((c) => c.check === 'session')).toMatchObject({ passed: true, inputs: { assetClass: 'crypto', phase: 'closed' } });
    expect(entry.risk.checks.find((c) => c.check === 'liquidity')!.passed).toBe(true);
    const stage = cryptoStages().find((s) => s.at === newYorkTime(DAY, '03:00'))!;
    expect(stage.counts).toMatchObject({ trades: 1, intents: 1, sent: 1, denied: 0 });
  });

  it('protects_the_partly_filled_pair_with_a_broker_side_stop_limit_and_manages_it_outside_the_stock_session', async () => {
    // The entry is a gtc market order that fills over several minutes (the simulator caps each minute's fill
    // at a share of the bar's volume). A stop against our own working buy would be refused as a potential
    // wash trade (as at Alpaca), so the first managed tick cancels the entry's remainder, and the next one,
    // with the cancel complete, places a gtc stop-limit for what was bought.
    const { rows: audit } = await db.pool.query<{ at: Date; action: string }>(`SELECT at, action FROM audit_log WHERE subject = 'SOL/USD' AND action LIKE 'exit.%' ORDER BY id`);
    expect(audit.slice(0, 2)).toEqual([
      { at: new Date(newYorkTime(DAY, '03:01')), action: 'exit.entry_remainder_canceled' },
      { at: new Date(newYorkTime(DAY, '03:02')), action: 'exit.protective_stop' },
    ]);
    const { rows } = await db.pool.query<{ kind: string; status: string; exit_reason: string; request: { type: string; timeInForce: string; qty: number } }>(
      `SELECT kind, status, exit_reason, request FROM intents WHERE kind <> 'entry' ORDER BY id`,
    );
    // Never refused: no stop was sent against the working entry. Every one names why it exists.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) expect(r).toMatchObject({ status: 'accepted', exit_reason: expect.any(String), request: { type: 'stop_limit', timeInForce: 'gtc' } });
    // The pair is managed every tick outside the stock session (trailing the stop once it is up), and no tick failed.
    expect(ticks.filter((t) => t.at > newYorkTime(DAY, '03:00')).every((t) => t.report.stages.some((s) => s.name === 'manage_exits'))).toBe(true);
    expect(ticks.every((t) => t.report.status === 'ok')).toBe(true);
  });
});
