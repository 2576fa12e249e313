import { describe, expect, it } from 'vitest';
import { planReconcile, type IntentRef, type ReconcileState } from './plan.ts';
import type { Fill, Order, Position } from '../orders.ts';

const T = Date.parse('2026-11-23T15:00:00Z');
const order = (over: Partial<Order> & { id: string; clientOrderId: string }): Order => ({
  symbol: 'ACME', assetClass: 'us_equity', side: 'buy', type: 'market', timeInForce: 'day', orderClass: 'simple', status: 'filled', qty: 100, notional: null,
  filledQty: 100, filledAvgPrice: 10, limitPrice: null, stopPrice: null, trailPrice: null, trailPercent: null, hwm: null, extendedHours: false, createdAt: T,
  updatedAt: T, submittedAt: T, filledAt: T, canceledAt: null, expiredAt: null, replacedBy: null, replaces: null, legs: [], ...over,
});
const fill = (id: string, orderId: string, side: 'buy' | 'sell', qty: number, price: number, at = T): Fill => ({ id, orderId, symbol: 'ACME', side, qty, price, at, cumQty: qty, leavesQty: 0, kind: 'fill' });
const position = (qty: number, side: 'long' | 'short' = 'long', symbol = 'ACME'): Position => ({
  symbol, assetClass: 'us_equity', side, qty, qtyAvailable: qty, avgEntryPrice: 10, currentPrice: 10.5, lastdayPrice: 9.8, marketValue: qty * 10.5, costBasis: qty * 10, unrealizedPl: qty * 0.5, unrealizedIntradayPl: 0,
});
const entryIntent: IntentRef = { id: 1, kind: 'entry', exitReason: null, riskPerUnitUsd: 0.5, plan: { stopPrice: 9.5 } };
const empty = (over: Partial<ReconcileState> = {}): ReconcileState => ({
  knownOrderIds: new Set(), knownFillIds: new Set(), storedOrders: new Map(), intentsByClientId: new Map([['cat-entry-1', entryIntent]]), openTrips: [], positions: new Map(), ...over,
});

describe('planReconcile', () => {
  const bracket = order({
    id: 'o1', clientOrderId: 'cat-entry-1', orderClass: 'bracket',
    legs: [order({ id: 'o1-tp', clientOrderId: 'alpaca-leg-1', side: 'sell', type: 'limit', status: 'filled' }), order({ id: 'o1-sl', clientOrderId: 'alpaca-leg-2', side: 'sell', type: 'stop', status: 'canceled', filledQty: 0 })],
  });

  it('opens_our_round_trip_from_our_entry_fill_with_its_plan', () => {
    const plan = planReconcile(empty(), { at: T, orders: [bracket], fills: [fill('f1', 'o1', 'buy', 100, 10)], positions: [position(100)] });
    expect(plan.orders.map((o) => [o.order.id, o.parentId, o.intentId, o.adopted])).toEqual([
      ['o1', null, 1, false],
      ['o1-tp', 'o1', 1, false],
      ['o1-sl', 'o1', 1, false],
    ]);
    expect(plan.trips).toEqual([expect.objectContaining({ side: 'long', openQty: 100, entryIntentId: 1, riskPerUnitUsd: 0.5 })]);
    expect(plan.positions[0]).toMatchObject({ adopted: false, entryIntentId: 1, plan: { stopPrice: 9.5 } });
    expect(plan.audit).toEqual([]);
  });

  it('closes_the_trip_with_take_profit_when_the_bracket_leg_fills', () => {
    const first = planReconcile(empty(), { at: T, orders: [bracket], fills: [fill('f1', 'o1', 'buy', 100, 10)], positions: [position(100)] });
    const state = empty({
      knownOrderIds: new Set(['o1', 'o1-tp', 'o1-sl']),
      knownFillIds: new Set(['f1']),
      openTrips: first.trips,
      positions: new Map([['ACME', { symbol: 'ACME', side: 'long', qty: 100, adopted: false, entryIntentId: 1, plan: null, openedAt: T }]]),
    });
    const plan = planReconcile(state, { at: T + 60_000, orders: [bracket], fills: [fill('f1', 'o1', 'buy', 100, 10), fill('f2', 'o1-tp', 'sell', 100, 11, T + 30_000)], positions: [] });
    expect(plan.newFills.map((f) => f.id)).toEqual(['f2']);
    expect(plan.trips).toEqual([expect.objectContaining({ openQty: 0, exitReason: 'take_profit', exitAt: T + 30_000, realizedPnlUsd: 100 })]);
    expect(plan.removedPositions).toEqual(['ACME']);
    expect(plan.audit).toEqual([]);
  });

  it('adopts_orders_and_positions_it_did_not_place_and_audits_them', () => {
    const foreign = order({ id: 'x1', clientOrderId: 'placed-by-hand', status: 'new', filledQty: 0, symbol: 'ZETA' });
    const plan = planReconcile(empty(), { at: T, orders: [foreign], fills: [], positions: [position(50, 'long', 'ZETA')] });
    expect(plan.orders[0]).toMatchObject({ adopted: true, intentId: null });
    expect(plan.positions[0]).toMatchObject({ symbol: 'ZETA', adopted: true, openedAt: T });
    expect(plan.trips).toEqual([expect.objectContaining({ symbol: 'ZETA', openQty: 50, adopted: true, entryPrice: 10 })]);
    expect(plan.audit.map((a) => a.action)).toEqual(['order.adopted', 'position.adopted']);
  });

  it('lets_the_broker_win_a_quantity_disagreement_and_records_it', () => {
    const state = empty({
      openTrips: [{ id: 5, symbol: 'ACME', side: 'long', openQty: 100, maxQty: 100, entryAt: T, entryPrice: 10, entryQty: 100, exitAt: null, exitPrice: null, exitQty: 0, realizedPnlUsd: 0, exitReason: null, entryIntentId: 1, exitIntentId: null, riskPerUnitUsd: 0.5, fillIds: ['f1'] }],
      positions: new Map([['ACME', { symbol: 'ACME', side: 'long', qty: 100, adopted: false, entryIntentId: 1, plan: null, openedAt: T }]]),
    });
    const plan = planReconcile(state, { at: T + 60_000, orders: [], fills: [], positions: [position(60)] });
    expect(plan.audit).toEqual([expect.objectContaining({ action: 'position.corrected', data: { expectedQty: 100, brokerQty: 60 } })]);
    expect(plan.trips[0]).toMatchObject({ id: 5, openQty: 60 });
    const flat = planReconcile(state, { at: T + 60_000, orders: [], fills: [], positions: [] });
    expect(flat.audit.map((a) => a.action)).toEqual(['position.closed_by_broker']);
    expect(flat.trips[0]).toMatchObject({ openQty: 0, exitReason: 'external', exitAt: T + 60_000 });
  });

  it('is_idempotent_for_a_snapshot_already_applied', () => {
    const first = planReconcile(empty(), { at: T, orders: [bracket], fills: [fill('f1', 'o1', 'buy', 100, 10)], positions: [position(100)] });
    const again = planReconcile(
      empty({
        knownOrderIds: new Set(['o1', 'o1-tp', 'o1-sl']),
        knownFillIds: new Set(['f1']),
        openTrips: first.trips,
        positions: new Map([['ACME', { symbol: 'ACME', side: 'long', qty: 100, adopted: false, entryIntentId: 1, plan: null, openedAt: T }]]),
      }),
      { at: T + 60_000, orders: [bracket], fills: [fill('f1', 'o1', 'buy', 100, 10)], positions: [position(100)] },
    );
    expect(again.newFills).toEqual([]);
    expect(again.trips).toEqual([]);
    expect(again.audit).toEqual([]);
  });

  it('plans_an_order_listed_twice_once_and_keeps_a_lone_legs_stored_parent', () => {
    const leg = order({ id: 'o1-sl', clientOrderId: 'alpaca-leg-2', side: 'sell', type: 'stop', status: 'new', filledQty: 0 });
    const state = empty({
      knownOrderIds: new Set(['o1', 'o1-sl']),
      storedOrders: new Map([['o1-sl', { clientOrderId: 'alpaca-leg-2', parentId: 'o1', type: 'stop' }], ['o1', { clientOrderId: 'cat-entry-1', parentId: null, type: 'market' }]]),
    });
    const plan = planReconcile(state, { at: T, orders: [leg, bracket], fills: [], positions: [] });
    expect(plan.orders.map((o) => o.order.id)).toEqual(['o1-sl', 'o1', 'o1-tp']);
    expect(plan.orders[0]).toMatchObject({ parentId: 'o1', intentId: 1, adopted: false });
    expect(plan.audit).toEqual([]);
  });

  it('a_side_flip_starts_without_the_old_sides_plan_and_the_audit_says_why', () => {
    // Long 100 with its plan; an exit sold 150 (a leg filled during its cancel): the broker now shows short 50.
    const exit = order({ id: 'x1', clientOrderId: 'cat-exit-1', side: 'sell', qty: 150, filledQty: 150 });
    const exitIntent: IntentRef = { id: 2, kind: 'exit', exitReason: 'stop_loss', riskPerUnitUsd: null, plan: null };
    const first = planReconcile(empty(), { at: T, orders: [bracket], fills: [fill('f1', 'o1', 'buy', 100, 10)], positions: [position(100)] });
    const state = empty({
      intentsByClientId: new Map([['cat-entry-1', entryIntent], ['cat-exit-1', exitIntent]]),
      knownOrderIds: new Set(['o1', 'o1-tp', 'o1-sl']),
      knownFillIds: new Set(['f1']),
      openTrips: first.trips,
      positions: new Map([['ACME', { symbol: 'ACME', side: 'long', qty: 100, adopted: false, entryIntentId: 1, plan: { stopPrice: 9.5 }, openedAt: T }]]),
    });
    const plan = planReconcile(state, { at: T + 60_000, orders: [exit], fills: [fill('f2', 'x1', 'sell', 150, 9.4, T + 30_000)], positions: [position(50, 'short')] });
    // Opened by the overshooting fill (our exit's intent, which carries no plan): not adopted, no plan, opened then.
    expect(plan.positions[0]).toMatchObject({ side: 'short', qty: 50, plan: null, entryIntentId: 2, adopted: false, openedAt: T + 30_000 });
    const why = plan.audit.find((a) => a.action === 'position.side_changed');
    expect(why?.reason).toMatch(/changed side from long to short.*plan.*does not apply.*closed at once/);
  });

  it('a_new_entry_of_ours_on_the_same_side_takes_its_own_plan_not_the_old_one', () => {
    const second: IntentRef = { id: 3, kind: 'entry', exitReason: null, riskPerUnitUsd: 0.4, plan: { stopPrice: 12 } };
    const entry2 = order({ id: 'o2', clientOrderId: 'cat-entry-2', orderClass: 'bracket' });
    const state = empty({
      intentsByClientId: new Map([['cat-entry-1', entryIntent], ['cat-entry-2', second]]),
      knownOrderIds: new Set(['o1']),
      knownFillIds: new Set(['f1']),
      // The first trip closed between two reconciles (its record still open), and a second entry filled.
      openTrips: planReconcile(empty(), { at: T, orders: [bracket], fills: [fill('f1', 'o1', 'buy', 100, 10)], positions: [position(100)] }).trips,
      positions: new Map([['ACME', { symbol: 'ACME', side: 'long', qty: 100, adopted: false, entryIntentId: 1, plan: { stopPrice: 9.5 }, openedAt: T }]]),
    });
    const plan = planReconcile(state, {
      at: T + 120_000,
      orders: [entry2],
      fills: [fill('f2', 'o1-tp', 'sell', 100, 11, T + 30_000), fill('f3', 'o2', 'buy', 100, 12.5, T + 90_000)],
      positions: [position(100)],
    });
    expect(plan.positions[0]).toMatchObject({ side: 'long', entryIntentId: 3, plan: { stopPrice: 12 }, openedAt: T + 90_000 });
  });
});
