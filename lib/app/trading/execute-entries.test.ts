import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { FakeBroker } from '../../../test/support/fake-broker.ts';
import { PgTradingStore } from '../../adapters/postgres/trading/trading-store.ts';
import { PgTradingStateStore } from '../../adapters/postgres/trading/state.repo.ts';
import { PgAnalysisStore } from '../../adapters/postgres/analysis.repo.ts';
import { createLogger } from '../../platform/logger.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { executeEntries, type ExecuteDeps } from './execute-entries.ts';
import { DEFAULT_RISK_CONFIG } from '../../risk/risk-config.ts';
import { DEFAULT_EXIT_RULES_CONFIG } from '../../risk/exit-rules-config.ts';
import type { MarketData } from '../../ports/market-data.port.ts';
import type { Asset } from '../../domain/market.ts';

const analysedAt = newYorkTime('2026-11-23', '10:34') + 59_000;
let now = analysedAt;
const asset: Asset = { symbol: 'ACME', name: 'Acme Corp', exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1 };
// HALT stopped printing at 10:20 (a trading halt: its last quote and trade are old, its bid/ask stay).
const lastTradeAt = (s: string) => (s === 'HALT' ? newYorkTime('2026-11-23', '10:20') : now - 2_000);
const marketData = {
  getLatestQuotes: async (symbols: readonly string[]) => new Map(symbols.map((s) => [s, { t: now - 1000, bidPrice: 24.99, bidSize: 300, askPrice: 25.01, askSize: 300 }])),
  getLatestTrades: async (symbols: readonly string[]) => new Map(symbols.map((s) => [s, { t: lastTradeAt(s), price: 25, size: 100 }])),
} as unknown as MarketData;
const config = { risk: DEFAULT_RISK_CONFIG, exits: DEFAULT_EXIT_RULES_CONFIG, strategy: 'catalyst', bucketMs: 300_000 };

describe('executeEntries (real PostgreSQL, fake broker)', () => {
  let db: TestDb;
  let deps: ExecuteDeps;
  let broker: FakeBroker;
  beforeAll(async () => {
    db = await createTestDb();
    const analysis = new PgAnalysisStore(db.pool);
    await analysis.upsertAssets([asset, { ...asset, symbol: 'HALT', name: 'Halted Inc' }], now);
    await analysis.upsertStats(['ACME', 'HALT'].map((symbol) => ({ symbol, asOf: '2026-11-20', prevClose: 24, avgVolume20d: 3_000_000, avgDollarVolume20d: 72_000_000, atr14d: 0.8 })), now);
    broker = new FakeBroker(() => now);
    deps = { broker, marketData, analysis, state: new PgTradingStateStore(db.pool), trading: new PgTradingStore(db.pool), clock: { now: () => now }, notifier: { notify: async () => undefined }, log: createLogger({ sink: () => undefined }) };
  });
  afterAll(() => db.drop());

  it('keeps_the_cycles_bucket_when_execute_runs_after_a_bucket_boundary_and_a_rerun_sends_nothing_twice', async () => {
    const cycleId = 7;
    const [c] = await deps.analysis.saveCandidates(cycleId, analysedAt, [
      { symbol: 'ACME', rank: 1, score: 0.8, direction: 'long', blocked: false, features: { catalystScore: 0.7, catalystType: 'earnings', catalystAgeMinutes: 20, headline: 'Acme beats', relativeVolume: 4, gapPct: 0.05, price: 25, avgDollarVolume20d: 72_000_000, spreadBps: 8 }, reasons: ['Catalyst earnings'], newsItemIds: [1], storyIds: [41] },
    ]);
    await deps.analysis.saveSignals([{ cycleId, at: analysedAt, symbol: 'ACME', direction: 'long', score: 0.7, explanation: 'Long ACME after an earnings beat.', inputs: { plan: { entry: 25, stop: 24.5, target: 26, riskPerUnitUsd: 0.5 }, news: { storyIds: [41], newsItemIds: [1] } }, candidateId: c!.id }]);
    // The cycle analysed at 10:34:59; its execute runs two seconds later, in the next five-minute bucket.
    now = analysedAt + 2_000;
    broker.failNextSubmit = 'before';
    const first = await executeEntries(deps, cycleId, null, config);
    expect(first.intents).toBe(1);
    const { rows } = await db.pool.query<{ client_order_id: string }>(`SELECT client_order_id FROM intents`);
    expect(rows.map((r) => r.client_order_id)).toEqual(['c1-catalyst-ACME-20261123T153000-st41-en']);
    // The same cycle's execute runs again later (a retried invocation): same decision, same id, no second send.
    now = analysedAt + 6 * 60_000;
    const again = await executeEntries(deps, cycleId, null, config);
    expect(again.sent).toBe(0);
    expect(broker.submits).toBe(1);
    const after = await db.pool.query(`SELECT count(*)::int AS n FROM intents`);
    expect(after.rows[0].n).toBe(1);
  });

  it('denies_an_entry_on_a_symbol_that_stopped_trading_while_the_market_is_open_naming_the_halt', async () => {
    const cycleId = 8;
    now = newYorkTime('2026-11-23', '10:45');
    const [c] = await deps.analysis.saveCandidates(cycleId, now, [
      { symbol: 'HALT', rank: 1, score: 0.8, direction: 'long', blocked: false, features: { catalystScore: 0.7, catalystType: 'fda', catalystAgeMinutes: 20, headline: 'Halted Inc news pending', relativeVolume: 4, gapPct: 0.05, price: 25, avgDollarVolume20d: 72_000_000, spreadBps: 8 }, reasons: ['Catalyst fda'], newsItemIds: [2], storyIds: [42] },
    ]);
    // ACME is in the same cycle and prints: the feed is live, so HALT's silence means something.
    const plan = { entry: 25, stop: 24.5, target: 26, riskPerUnitUsd: 0.5 };
    await deps.analysis.saveSignals(['HALT', 'ACME'].map((symbol) => ({ cycleId, at: now, symbol, direction: 'long' as const, score: 0.7, explanation: `Long ${symbol}.`, inputs: { plan, news: { storyIds: [42], newsItemIds: [2] } }, candidateId: c!.id })));
    const report = await executeEntries(deps, cycleId, null, config);
    expect(report).toMatchObject({ intents: 1, denied: 1 });
    expect(report.denials[0]).toEqual({ symbol: 'HALT', reason: 'symbol_halted', message: 'HALT is halted: no trade for 25 minutes while the market is open (a trading halt or LULD pause).' });
  });
});
