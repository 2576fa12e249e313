import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { FakeBroker } from '../../../test/support/fake-broker.ts';
import { PgTradingStore } from '../../adapters/postgres/trading/trading-store.ts';
import { PgTradingStateStore } from '../../adapters/postgres/trading/state.repo.ts';
import { PgAnalysisStore } from '../../adapters/postgres/analysis.repo.ts';
import { createLogger } from '../../platform/logger.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { control } from './control.ts';
import { executeEntries, type ExecuteDeps } from './execute-entries.ts';
import { DEFAULT_RISK_CONFIG } from '../../risk/risk-config.ts';
import { DEFAULT_EXIT_RULES_CONFIG } from '../../risk/exit-rules-config.ts';
import type { MarketData } from '../../ports/market-data.port.ts';
import type { Notification } from '../../ports/notifier.port.ts';
import type { Asset, Quote } from '../../domain/market.ts';

const now = newYorkTime('2026-11-23', '10:30');
const asset: Asset = { symbol: 'ACME', name: 'Acme Corp', exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1 };
const quote: Quote = { t: now - 1000, bidPrice: 24.99, bidSize: 300, askPrice: 25.01, askSize: 300 };
const marketData = {
  getLatestQuotes: async (symbols: readonly string[]) => new Map(symbols.map((s) => [s, quote])),
  getLatestTrades: async (symbols: readonly string[]) => new Map(symbols.map((s) => [s, { t: now - 2000, price: 25, size: 100 }])),
} as unknown as MarketData;
const config = { risk: DEFAULT_RISK_CONFIG, exits: DEFAULT_EXIT_RULES_CONFIG, strategy: 'catalyst', bucketMs: 300_000 };

describe('operator control and the risk gate (real PostgreSQL, fake broker)', () => {
  let db: TestDb;
  let deps: ExecuteDeps;
  const notes: Notification[] = [];
  let cycleId = 0;
  beforeAll(async () => {
    db = await createTestDb();
    const analysis = new PgAnalysisStore(db.pool);
    await analysis.upsertAssets([asset], now);
    await analysis.upsertStats([{ symbol: 'ACME', asOf: '2026-11-20', prevClose: 24, avgVolume20d: 3_000_000, avgDollarVolume20d: 72_000_000, atr14d: 0.8 }], now);
    deps = { broker: new FakeBroker(() => now), marketData, analysis, state: new PgTradingStateStore(db.pool), trading: new PgTradingStore(db.pool), clock: { now: () => now }, notifier: { notify: async (n) => void notes.push(n) }, log: createLogger({ sink: () => undefined }) };
  });
  afterAll(() => db.drop());

  async function signal() {
    cycleId++;
    const [c] = await deps.analysis.saveCandidates(cycleId, now, [
      { symbol: 'ACME', rank: 1, score: 0.8, direction: 'long', blocked: false, features: { catalystScore: 0.7, catalystType: 'earnings', catalystAgeMinutes: 20, headline: 'Acme beats', relativeVolume: 4, gapPct: 0.05, price: 25, avgDollarVolume20d: 72_000_000, spreadBps: 8 }, reasons: ['Catalyst earnings'], newsItemIds: [1], storyIds: [cycleId] },
    ]);
    await deps.analysis.saveSignals([{ cycleId, at: now, symbol: 'ACME', direction: 'long', score: 0.7, explanation: 'Long ACME: opening-range breakout after an earnings beat.', inputs: { plan: { entry: 25, stop: 24.5, target: 26, riskPerUnitUsd: 0.5 }, news: { storyIds: [cycleId], newsItemIds: [1] } }, candidateId: c!.id }]);
    return cycleId;
  }

  it('halts_new_entries_with_who_and_why_and_resumes', async () => {
    const halted = await control(deps, { action: 'halt', by: 'trader', why: 'FOMC in ten minutes' }, config);
    expect(halted.state).toMatchObject({ state: 'HALTED', cause: 'operator_halt' });
    const denied = await executeEntries(deps, await signal(), null, config);
    expect(denied).toMatchObject({ intents: 0, sent: 0, denied: 1 });
    expect(denied.denials[0]).toMatchObject({ symbol: 'ACME', reason: 'trading_halted' });
    expect(notes.at(-1)).toMatchObject({ kind: 'halt', title: 'HALTED by trader', text: 'FOMC in ten minutes' });

    const resumed = await control(deps, { action: 'resume', by: 'trader', why: 'statement is out' }, config);
    expect(resumed.state.state).toBe('ACTIVE');
    const entered = await executeEntries(deps, await signal(), null, config);
    expect(entered).toMatchObject({ intents: 1, sent: 1, denied: 0 });
    const { rows: history } = await db.pool.query(`SELECT from_state, to_state, changed_by FROM trading_state_history ORDER BY id`);
    expect(history).toEqual([
      { from_state: 'ACTIVE', to_state: 'HALTED', changed_by: 'operator:trader' },
      { from_state: 'HALTED', to_state: 'ACTIVE', changed_by: 'operator:trader' },
    ]);
    const { rows: audit } = await db.pool.query(`SELECT actor, action, reason FROM audit_log WHERE action LIKE 'control.%' ORDER BY id`);
    expect(audit).toEqual([
      { actor: 'operator:trader', action: 'control.halt', reason: 'FOMC in ten minutes' },
      { actor: 'operator:trader', action: 'control.resume', reason: 'statement is out' },
    ]);
  });

  it('stores_an_entry_as_a_rounded_bracket_with_its_risk_checks_and_reasons', async () => {
    const { rows } = await db.pool.query(`SELECT kind, request, reason, plan, risk, signal_id, story_id, news_item_id FROM intents WHERE kind = 'entry'`);
    expect(rows).toHaveLength(1);
    const i = rows[0];
    expect(i.request).toMatchObject({ symbol: 'ACME', side: 'buy', type: 'market', orderClass: 'bracket', timeInForce: 'gtc' });
    expect(i.request.stopLoss.stopPrice).toBeLessThan(25);
    expect(Number.isInteger(i.request.qty)).toBe(true);
    expect(i.reason).toMatch(/^Enter long \d+ ACME .*Long ACME: opening-range breakout after an earnings beat\.$/);
    expect(i.risk.checks.length).toBeGreaterThan(5);
    expect(i.plan).toMatchObject({ riskPerUnitUsd: expect.any(Number) });
    expect([i.signal_id, i.story_id, i.news_item_id].every((x: unknown) => x !== null)).toBe(true);
  });

  it('flatten_all_cancels_every_open_order_including_an_entry_not_filled_yet_and_closes_every_position', async () => {
    const broker = deps.broker as FakeBroker;
    const open = () => [...broker.orders.values()].filter((o) => !['filled', 'canceled'].includes(o.status));
    // The ACME entry of the test above is still unfilled; BETA is held with its stop resting.
    expect(open().map((o) => o.symbol)).toEqual(['ACME']);
    const buy = await broker.submitOrder({ clientOrderId: 'beta-entry', symbol: 'BETA', side: 'buy', type: 'market', timeInForce: 'day', qty: 10 });
    broker.fill(buy.status === 'accepted' ? buy.order.id : '', 10, 50);
    await broker.submitOrder({ clientOrderId: 'beta-stop', symbol: 'BETA', side: 'sell', type: 'stop', timeInForce: 'day', qty: 10, stopPrice: 48 });

    const flat = await control(deps, { action: 'flatten', by: 'trader', why: 'feed looks wrong' }, config);
    expect(flat).toMatchObject({ action: 'flatten', state: { state: 'ACTIVE' }, orders: { intents: 1, sent: 1 } });
    expect(open().map((o) => [o.symbol, o.side, o.type, o.qty])).toEqual([['BETA', 'sell', 'market', 10]]);
    const { rows } = await db.pool.query(`SELECT kind, exit_reason, reason FROM intents WHERE kind = 'operator'`);
    expect(rows).toEqual([{ kind: 'operator', exit_reason: 'operator_flatten', reason: 'Operator trader flattened: feed looks wrong: close 10 BETA' }]);
  });

  it('refuses_an_operator_action_without_a_reason', async () => {
    await expect(control(deps, { action: 'flatten', by: 'trader', why: '  ' }, config)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
