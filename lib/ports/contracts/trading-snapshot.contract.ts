import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { TradingWorld } from './trading-store.contract.ts';
import { fill, intent, order, position, snapshot, T0 } from './trading-fixtures.ts';

const MIN = 60_000;

/** Declares the cases every TradingStore must pass when it applies broker snapshots (reconcile's one write). */
export function tradingSnapshotContract(name: string, make: () => Promise<TradingWorld>): void {
  describe(`TradingStore contract: broker snapshots (${name})`, () => {
    let w: TradingWorld;
    beforeEach(async () => {
      w = await make();
    });
    afterEach(() => w.close());

    /** An entry of ours for ACME, filled in two parts, with the broker's long position. */
    async function enterAcme() {
      const [entry] = await w.store.saveIntents([intent('e1')], 3);
      const o = order('o-1', 'e1', { status: 'filled', filledQty: 100, filledAvgPrice: 10.06, updatedAt: T0 + 2000 });
      const fills = [fill('f-1', 'o-1', 40, 10, T0 + 1000, { cumQty: 40, leavesQty: 60, kind: 'partial_fill' }), fill('f-2', 'o-1', 60, 10.1, T0 + 2000, { cumQty: 100 })];
      const snap = snapshot(T0 + MIN, { orders: [o], fills, positions: [position('ACME', 'long', 100, 10.06)], fillCursor: { at: T0 + 2000, id: 'f-2' } });
      return { entry: entry!, snap, report: await w.store.applySnapshot(snap, [], 3) };
    }

    it('opens_a_round_trip_and_a_position_with_the_entry_plan_and_re_applying_the_snapshot_changes_nothing', async () => {
      const { entry, snap, report } = await enterAcme();
      expect(report).toMatchObject({ ordersUpserted: 1, ordersAdopted: 0, fillsNew: 2, tripsOpened: 1, tripsClosed: 0, positionsAdopted: 0, positionsCorrected: 0, audit: [] });
      const again = await w.store.applySnapshot(snap, [], 3);
      expect(again).toMatchObject({ fillsNew: 0, tripsOpened: 0, tripsClosed: 0, positionsCorrected: 0, audit: [] });
      const trips = await w.store.openTrips();
      expect(trips).toHaveLength(1);
      expect(trips[0]).toMatchObject({ id: 1, symbol: 'ACME', side: 'long', openQty: 100, maxQty: 100, entryQty: 100, entryAt: T0 + 1000, entryIntentId: entry.id, riskPerUnitUsd: 0.5, fillIds: ['f-1', 'f-2'], adopted: false });
      expect(trips[0]!.entryPrice).toBeCloseTo(10.06, 10);
      const [pos] = await w.store.openPositions();
      expect(pos).toEqual({
        symbol: 'ACME', assetClass: 'us_equity', side: 'long', qty: 100, qtyAvailable: 100, avgEntryPrice: 10.06, currentPrice: 10.06, lastdayPrice: 10.06,
        marketValue: 1006, costBasis: 1006, unrealizedPl: 0, unrealizedIntradayPl: 0, openedAt: T0 + 1000, plan: intent('e1').plan, entryIntentId: entry.id, adopted: false,
      });
      expect(await w.store.fillCursor()).toEqual({ at: T0 + 2000, id: 'f-2' });
    });

    it('applies_a_quiet_snapshot_as_no_change_but_its_cursor_and_refuses_it_under_an_older_token', async () => {
      // Nothing at the broker, nothing held, nothing to settle: what a quiet account's every tick writes.
      const quiet = await w.store.applySnapshot(snapshot(T0), [], 3);
      expect(quiet).toEqual({ ordersUpserted: 0, ordersAdopted: 0, fillsNew: 0, tripsOpened: 0, tripsClosed: 0, positionsAdopted: 0, positionsCorrected: 0, positionsClosed: 0, intentsResolved: 0, intentsFailed: 0, audit: [] });
      expect([await w.store.openPositions(), await w.store.openTrips(), await w.store.fillCursor()]).toEqual([[], [], null]);
      await w.store.applySnapshot(snapshot(T0 + MIN, { fillCursor: { at: T0, id: 'f-0' } }), [], 3);
      expect(await w.store.fillCursor()).toEqual({ at: T0, id: 'f-0' });
      await expect(w.store.applySnapshot(snapshot(T0 + 2 * MIN, { fillCursor: { at: T0 + MIN, id: 'f-1' } }), [], 2)).rejects.toMatchObject({ code: 'LOCK_LOST' });
      expect(await w.store.fillCursor()).toEqual({ at: T0, id: 'f-0' });
    });

    it('closes_the_round_trip_with_its_pnl_r_multiple_and_exit_reason_and_counts_it_in_the_risk_facts', async () => {
      const { entry } = await enterAcme();
      const [exit] = await w.store.saveIntents([intent('x1', { kind: 'exit', exitReason: 'take_profit', request: { clientOrderId: 'x1', symbol: 'ACME', side: 'sell', type: 'market', timeInForce: 'day', qty: 100 }, createdAt: T0 + 5 * MIN })], 4);
      const o = order('o-2', 'x1', { side: 'sell', status: 'filled', filledQty: 100, filledAvgPrice: 11, updatedAt: T0 + 6 * MIN });
      const report = await w.store.applySnapshot(snapshot(T0 + 7 * MIN, { orders: [o], fills: [fill('f-3', 'o-2', 100, 11, T0 + 6 * MIN, { side: 'sell' })], fillCursor: { at: T0 + 6 * MIN, id: 'f-3' } }), [], 4);
      expect(report).toMatchObject({ fillsNew: 1, tripsOpened: 0, tripsClosed: 1, positionsClosed: 1 });
      expect(await w.store.openTrips()).toEqual([]);
      expect(await w.store.openPositions()).toEqual([]);
      const facts = await w.state.riskFacts(T0 - 60 * MIN, T0 + 10 * MIN, 30);
      expect(facts.realizedPnlTodayUsd).toBeCloseTo(94, 9);
      expect(facts.recentExits).toEqual([{ symbol: 'ACME', exitedAt: T0 + 6 * MIN }]);
      expect(facts.entriesPerStory).toEqual({ 3: 1 });
      expect((await w.state.riskFacts(T0 + 7 * MIN, T0 + 60 * MIN, 30))).toEqual({ realizedPnlTodayUsd: 0, recentExits: [], entriesPerStory: {} });
      expect(exit!.id).toBe(entry.id + 1);
    });

    it('adopts_an_order_and_a_position_it_did_not_place_and_audits_both', async () => {
      const report = await w.store.applySnapshot(snapshot(T0, { orders: [order('o-x', 'manual-1', { symbol: 'ZETA' })], positions: [position('ZETA', 'short', 5, 20)] }), [], null);
      expect(report).toMatchObject({ ordersAdopted: 1, positionsAdopted: 1, tripsOpened: 1 });
      expect(report.audit.map((a) => [a.action, a.subject, a.actor, a.at])).toEqual([['order.adopted', 'ZETA', 'reconcile', T0], ['position.adopted', 'ZETA', 'reconcile', T0]]);
      expect(await w.store.openTrips()).toMatchObject([{ symbol: 'ZETA', side: 'short', openQty: 5, entryPrice: 20, adopted: true, entryIntentId: null }]);
      expect(await w.store.openPositions()).toMatchObject([{ symbol: 'ZETA', side: 'short', adopted: true, plan: null }]);
    });

    it('applies_a_resolution_only_to_an_intent_still_in_the_status_it_was_decided_on', async () => {
      const [a, b] = await w.store.saveIntents([intent('a'), intent('b')], null);
      await w.store.markSubmitting([a!.id, b!.id], T0, null);
      await w.store.recordOutcome(b!.id, { status: 'accepted', order: order('o-b', 'b') }, T0, null);
      const report = await w.store.applySnapshot(snapshot(T0 + MIN), [
        { intentId: a!.id, from: 'submitted', status: 'accepted', brokerOrderId: 'o-a', lookups: 1, note: 'found by its client order id' },
        { intentId: b!.id, from: 'submitted', status: 'failed', brokerOrderId: null, lookups: 3, note: 'never arrived' },
      ], null);
      expect(report).toMatchObject({ intentsResolved: 1, intentsFailed: 0 });
      expect(report.audit.map((x) => [x.action, x.subject])).toEqual([['intent.accepted', String(a!.id)]]);
      const got = await w.store.intentsByClientOrderId(['a', 'b']);
      expect(got.get('a')).toMatchObject({ status: 'accepted', brokerOrderId: 'o-a', lookups: 1, resolvedAt: T0 + MIN, outcome: { reconcile: 'found by its client order id' } });
      expect(got.get('b')).toMatchObject({ status: 'accepted', brokerOrderId: 'o-b', lookups: 0 });
    });

    it('lists_stored_open_orders_the_broker_did_not_report_oldest_update_first', async () => {
      const orders = [order('o-1', 'c1', { updatedAt: T0 + 3 }), order('o-2', 'c2', { updatedAt: T0 + 1 }), order('o-3', 'c3', { updatedAt: T0 + 2, status: 'filled' }), order('o-4', 'c4', { updatedAt: T0 + 4, status: 'accepted' })];
      await w.store.applySnapshot(snapshot(T0, { orders }), [], null);
      expect(await w.store.staleOpenOrderIds([], 10)).toEqual(['o-2', 'o-1', 'o-4']);
      expect(await w.store.staleOpenOrderIds(['o-2'], 1)).toEqual(['o-1']);
      expect(await w.store.staleOpenOrderIds([], 0)).toEqual([]);
    });

    it('gives_a_position_replaced_by_a_new_entry_of_ours_that_entrys_plan_and_opening_time', async () => {
      await enterAcme();
      // The broker reports the first trip closed and a new entry filled in one snapshot.
      await w.store.saveIntents([intent('x1', { kind: 'exit', exitReason: 'time_exit', request: { clientOrderId: 'x1', symbol: 'ACME', side: 'sell', type: 'market', timeInForce: 'day', qty: 100 } })], null);
      const [e2] = await w.store.saveIntents([intent('e2', { plan: { stopPrice: 12, takeProfitPrice: 14, riskPerUnitUsd: 1, timeExitAt: T0 + 99 * MIN } })], null);
      const fills = [fill('f-3', 'o-2', 100, 11, T0 + 3 * MIN, { side: 'sell' }), fill('f-4', 'o-3', 50, 13, T0 + 4 * MIN)];
      const orders = [order('o-2', 'x1', { side: 'sell', status: 'filled' }), order('o-3', 'e2', { status: 'filled', qty: 50 })];
      const report = await w.store.applySnapshot(snapshot(T0 + 5 * MIN, { orders, fills, positions: [position('ACME', 'long', 50, 13)] }), [], null);
      expect(report.audit.map((a) => a.action)).toEqual(['position.new_entry']);
      expect(await w.store.openPositions()).toMatchObject([{ symbol: 'ACME', qty: 50, entryIntentId: e2!.id, openedAt: T0 + 4 * MIN, plan: { stopPrice: 12, riskPerUnitUsd: 1 } }]);
    });

    it('carries_a_deferred_close_until_a_close_intent_for_its_symbol_is_stored_latest_per_symbol', async () => {
      const deferred = (subject: string, at: number, data: Record<string, unknown>) => ({ at, actor: 'manage_exits', action: 'exit.deferred', subject, reason: 'waiting for cancels', data });
      await w.store.appendAudit([
        deferred('BETA', T0, { side: 'short', exitReason: 'stop_loss', kind: 'exit', reason: 'stop hit' }),
        deferred('ACME', T0, { side: 'long', exitReason: 'time_exit', kind: 'exit' }),
        deferred('ACME', T0 + MIN, { side: 'long', exitReason: 'operator_flatten', kind: 'flatten', reason: 'operator: flatten' }),
        deferred('GAMMA', T0, { exitReason: 'time_exit' }),
        deferred('OLD', T0 - 60 * MIN, { side: 'long' }),
      ], null);
      expect(await w.store.deferredCloses(T0 - MIN)).toEqual([
        { symbol: 'ACME', side: 'long', exitReason: 'operator_flatten', kind: 'flatten', reason: 'operator: flatten', at: T0 + MIN },
        { symbol: 'BETA', side: 'short', exitReason: 'stop_loss', kind: 'exit', reason: 'stop hit', at: T0 },
      ]);
      await w.store.saveIntents([intent('x-beta', { kind: 'exit', createdAt: T0, request: { clientOrderId: 'x-beta', symbol: 'BETA', side: 'buy', type: 'market', timeInForce: 'day', qty: 1 } })], null);
      expect((await w.store.deferredCloses(T0 - MIN)).map((d) => d.symbol)).toEqual(['ACME']);
    });
  });
}
