import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN, seedSession, type ReportingWorld } from './reporting-seed.ts';
import { T0 } from './trading-fixtures.ts';

/** Declares the cases every ReportingReader must pass, over one seeded session (see reporting-seed.ts). */
export function reportingReaderContract(name: string, make: () => Promise<ReportingWorld>): void {
  describe(`ReportingReader contract (${name})`, () => {
    let w: ReportingWorld;
    let seeded: { tradeId: number; newsId: number };
    beforeAll(async () => {
      w = await make();
      seeded = await seedSession(w);
    });
    afterAll(() => w.close());

    it('shows_the_state_with_its_readable_reason_and_who_changed_it', async () => {
      expect(await w.reader.tradingState()).toEqual({ state: 'HALTED', reason: 'Operator halt: news feed looks wrong.', cause: 'operator_halt', changedBy: 'operator:ana', changedAt: T0 + 7 * MIN, until: null });
    });

    it('pages_trades_newest_first_by_id_with_filters', async () => {
      const first = await w.reader.trades({ limit: 1 });
      expect(first.trades).toMatchObject([{ symbol: 'BETA', side: 'short', exitAt: null, adopted: true, imported: false }]);
      const next = await w.reader.trades({ limit: 1, beforeId: first.nextBeforeId! });
      expect(next).toMatchObject({ trades: [{ id: seeded.tradeId, symbol: 'ACME', qty: 100, exitReason: 'stop_loss', pnlUsd: -50, rMultiple: -1 }], nextBeforeId: null });
      expect((await w.reader.trades({ status: 'closed', limit: 10 })).trades).toHaveLength(1);
      expect((await w.reader.trades({ status: 'open', exitReason: 'stop_loss', limit: 10 })).trades).toHaveLength(0);
      expect((await w.reader.trades({ from: T0 + 4 * MIN, to: T0 + 5 * MIN, limit: 10 })).trades).toMatchObject([{ symbol: 'BETA' }]);
    });

    it('gives_closed_trades_with_estimated_fees_and_a_thinned_equity_curve_keeping_the_last_point', async () => {
      const [closed] = await w.reader.closedTrades(T0);
      expect(closed).toMatchObject({ exitAt: T0 + 3 * MIN, exitDate: '2026-11-23', pnlUsd: -50, rMultiple: -1 });
      expect(closed!.feesUsd).toBeGreaterThan(0);
      expect(await w.reader.closedTrades(T0 + 4 * MIN)).toEqual([]);
      expect((await w.reader.equity(T0, 2)).map((p) => p.equity)).toEqual([99_980, 99_900]);
      expect((await w.reader.equity(T0 + 2 * MIN, 10)).map((p) => [p.at, p.equity])).toEqual([[T0 + 2 * MIN, 100_050], [T0 + 4 * MIN, 99_980], [T0 + 5 * MIN, 99_950], [T0 + 6 * MIN, 99_900]]);
      expect(await w.reader.latestAccount()).toMatchObject({ at: T0 + 6 * MIN, equity: 99_900 });
    });

    it('labels_fills_for_the_chart_with_the_bracket_leg_that_closed', async () => {
      expect(await w.reader.fills('ACME', T0, T0 + 10 * MIN)).toEqual([
        { id: 'f-1', at: T0 + 30_000, side: 'buy', qty: 100, price: 10, kind: 'entry', exitReason: null },
        { id: 'f-2', at: T0 + 3 * MIN, side: 'sell', qty: 100, price: 9.5, kind: 'exit', exitReason: 'stop_loss' },
      ]);
      expect(await w.reader.fills('ACME', T0 + 30_000, T0 + 3 * MIN)).toHaveLength(1);
    });

    it('lists_positions_with_their_open_trade_and_orders_newest_first', async () => {
      expect(await w.reader.positions()).toMatchObject([{ symbol: 'BETA', side: 'short', adopted: true, entryReason: null, plan: null }]);
      const orders = (await w.reader.orders({ limit: 10 })) as { id: string; intentKind: string | null }[];
      expect(orders.map((o) => [o.id, o.intentKind])).toEqual([['o-sl', 'entry'], ['o-tp', 'entry'], ['o-1', 'entry']]);
      expect(await w.reader.orders({ status: 'canceled', limit: 10 })).toMatchObject([{ id: 'o-tp', parentId: 'o-1' }]);
    });

    it('explains_a_trade_from_the_news_version_to_the_exit', async () => {
      const audit = (await w.reader.tradeAudit(seeded.tradeId)) as Record<string, unknown>;
      expect(audit).toMatchObject({
        trade: { id: seeded.tradeId, symbol: 'ACME', exitReason: 'stop_loss' },
        news: [{ id: seeded.newsId, headline: 'Acme beats estimates and raises its outlook' }],
        candidate: { rank: 1, reasons: ['fresh earnings beat'] },
        signal: { direction: 'long', explanation: 'breakout', inputs: { rsi: 61 } },
        entry: { clientOrderId: 'e1', status: 'accepted', plan: { stopPrice: 9.5 } },
        exit: null,
      });
      expect((audit.fills as { leg: string }[]).map((f) => f.leg)).toEqual(['parent', 'stop_loss']);
      expect(await w.reader.tradeAudit(9999)).toBeNull();
    });

    it('reads_candidates_news_and_cycles_point_in_time', async () => {
      const cycle = await w.reader.latestCycleWithCandidates();
      expect(await w.reader.candidates(cycle!)).toMatchObject([{ symbol: 'ACME', rank: 1, signal: { direction: 'long', score: 0.7 } }]);
      expect(await w.reader.news({ knownAt: T0, limit: 10 })).toMatchObject([{ headline: 'Acme beats estimates and raises its outlook' }, { headline: 'Beta recalls product' }]);
      expect(await w.reader.news({ knownAt: T0 - 9 * MIN, symbol: 'ACME', limit: 10 })).toMatchObject([{ headline: 'Acme beats estimates' }]);
      expect((await w.reader.cycles(1)).map((c) => c.status)).toEqual(['failed']);
    });

    it('counts_the_metrics', async () => {
      expect(await w.reader.metrics()).toEqual({
        open_positions: 1, closed_trades: 1, realized_pnl: -50, unsettled_intents: 1, news_items: 3, failed_cycles: 1, cycles: 2, last_ok_cycle: (T0 - 4 * MIN) / 1000, equity: 99_900, state: 'HALTED',
      });
    });
  });
}
