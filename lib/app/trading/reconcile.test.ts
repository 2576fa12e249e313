import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../../../test/support/fake-broker.ts';
import { MemoryTradingStore } from '../../adapters/memory/memory-trading-store.ts';
import { MemoryTradingTables } from '../../adapters/memory/memory-trading-tables.ts';
import type { Fill, Order, OrderRequest } from '../../domain/orders.ts';
import type { Broker, FillQuery, OrderQuery } from '../../ports/broker.port.ts';
import type { BrokerSnapshot, IntentResolution, ReconcileReport } from '../../ports/trading-store.port.ts';
import { createLogger } from '../../platform/logger.ts';
import { DEFAULT_RECONCILE, reconcile } from './reconcile.ts';
import { addTreeIds, mergeOpenListings } from './open-orders.ts';

const T = Date.parse('2026-11-23T15:00:00Z');
const log = createLogger({ sink: () => undefined });

/** A broker that records its reads and hands out set listings and fill pages (a FakeBroker answers the rest). */
class ListingBroker implements Broker {
  readonly calls: string[] = [];
  listings: { openNested: Order[]; openFlat: Order[]; closed: Order[] } = { openNested: [], openFlat: [], closed: [] };
  pages: Fill[][] = [];
  private readonly base = new FakeBroker(() => T);

  async getAccount() {
    this.calls.push('account');
    return this.base.getAccount();
  }
  async getPositions() {
    this.calls.push('positions');
    return this.base.getPositions();
  }
  async listOrders(q: OrderQuery) {
    this.calls.push(`orders ${q.status}${q.nested ? ' nested' : ''}`);
    return q.status === 'closed' ? this.listings.closed : q.nested ? this.listings.openNested : this.listings.openFlat;
  }
  async getFills(q: FillQuery) {
    const page = q.pageToken === undefined ? 0 : Number(q.pageToken);
    this.calls.push(`fills page ${page}`);
    return { fills: this.pages[page] ?? [], nextPageToken: page + 1 < this.pages.length ? String(page + 1) : null };
  }
  getClock = () => this.base.getClock();
  getCalendar = () => this.base.getCalendar();
  getAssets = () => this.base.getAssets();
  getAsset = () => this.base.getAsset();
  submitOrder = (r: OrderRequest) => this.base.submitOrder(r);
  getOrder = (id: string) => this.base.getOrder(id);
  getOrderByClientOrderId = (cid: string) => this.base.getOrderByClientOrderId(cid);
  cancelOrder = (id: string) => this.base.cancelOrder(id);
  replaceOrder = (id: string) => this.base.replaceOrder(id);
  closePosition = () => this.base.closePosition();
}

/** The memory trading store, keeping each snapshot it applies. */
class RecordingStore extends MemoryTradingStore {
  readonly snapshots: BrokerSnapshot[] = [];
  override async applySnapshot(snapshot: BrokerSnapshot, resolutions: readonly IntentResolution[], token: number | null): Promise<ReconcileReport> {
    this.snapshots.push(snapshot);
    return super.applySnapshot(snapshot, resolutions, token);
  }
}

function order(id: string, fields: Partial<Order> = {}): Order {
  return {
    id, clientOrderId: `c-${id}`, symbol: 'ACME', assetClass: 'us_equity', side: 'buy', type: 'market', timeInForce: 'day', orderClass: 'simple', status: 'new', qty: 1,
    notional: null, filledQty: 0, filledAvgPrice: null, limitPrice: null, stopPrice: null, trailPrice: null, trailPercent: null, hwm: null, extendedHours: false,
    createdAt: T - 60_000, updatedAt: T - 60_000, submittedAt: T - 60_000, filledAt: null, canceledAt: null, expiredAt: null, replacedBy: null, replaces: null, legs: [], ...fields,
  };
}

const fill = (id: string, at: number): Fill => ({ id, orderId: 'o-gone', symbol: 'ACME', side: 'buy', qty: 1, price: 10, at, cumQty: 1, leavesQty: 0, kind: 'fill' });

function world() {
  const broker = new ListingBroker();
  const store = new RecordingStore(new MemoryTradingTables());
  return { broker, store, deps: { broker, store, clock: { now: () => T }, log } };
}

describe('reconcile', () => {
  it('reads_account_positions_three_order_listings_and_fills_from_the_broker_even_when_nothing_is_open', async () => {
    const { broker, store, deps } = world();
    for (let tick = 0; tick < 2; tick++) await reconcile(deps, null);
    const reads = ['account', 'positions', 'orders open nested', 'orders open', 'orders closed nested', 'fills page 0'];
    expect(broker.calls).toEqual([...reads, ...reads]);
    expect(store.snapshots.map((s) => [s.orders, s.fills, s.positions])).toEqual([[[], [], []], [[], [], []]]);
  });

  it('reads_fill_pages_up_to_the_page_limit_and_hands_the_store_their_fills_oldest_first', async () => {
    const { broker, store, deps } = world();
    broker.pages = [[fill('f3', T - 10_000), fill('f1', T - 30_000)], [fill('f2', T - 20_000)], [fill('f4', T - 5_000)]];
    await reconcile(deps, null, { ...DEFAULT_RECONCILE, maxFillPages: 2 });
    expect(broker.calls.filter((c) => c.startsWith('fills'))).toEqual(['fills page 0', 'fills page 1']);
    expect(store.snapshots[0]!.fills.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
    expect(store.snapshots[0]!.fillCursor).toEqual({ at: T - 10_000, id: 'f3' });
  });

  it('sorts_a_single_page_of_fills_by_time_and_reads_none_with_a_limit_of_no_pages', async () => {
    const { broker, store, deps } = world();
    broker.pages = [[fill('f2', T - 10_000), fill('f1', T - 30_000)]];
    await reconcile(deps, null);
    expect(store.snapshots[0]!.fills.map((f) => f.id)).toEqual(['f1', 'f2']);
    broker.calls.length = 0;
    await reconcile(deps, null, { ...DEFAULT_RECONCILE, maxFillPages: 0 });
    expect(broker.calls.some((c) => c.startsWith('fills'))).toBe(false);
  });

  it('lists_each_order_once_the_open_listing_winning_and_a_leg_only_under_its_parent', async () => {
    const { broker, store, deps } = world();
    const stop = order('stop', { type: 'stop', side: 'sell', stopPrice: 9 });
    const parent = order('parent', { orderClass: 'bracket', status: 'filled', filledQty: 1, legs: [stop] });
    const stale = order('moved', { status: 'filled' });
    const fresh = order('moved', { status: 'new' });
    broker.listings = { openNested: [fresh], openFlat: [fresh, stop], closed: [parent, stale] };
    await reconcile(deps, null);
    expect(store.snapshots[0]!.orders.map((o) => [o.id, o.status])).toEqual([['parent', 'filled'], ['moved', 'new']]);
  });
});

describe('mergeOpenListings', () => {
  // The merge as it read before it answered an empty listing's other listing as it is.
  const reference = (nested: Order[], flat: Order[]) => {
    const seen = new Set<string>();
    for (const o of nested) addTreeIds(o, seen);
    return [...nested, ...flat.filter((o) => !seen.has(o.id))];
  };

  it('gives_the_nested_trees_then_the_flat_orders_no_tree_carries_as_the_general_merge_does', () => {
    const leg = order('leg', { type: 'limit', side: 'sell' });
    const tree = order('entry', { orderClass: 'bracket', legs: [leg] });
    const lone = order('lone');
    const cases: [Order[], Order[]][] = [[[], []], [[tree], []], [[], [leg, lone]], [[tree], [tree, leg, lone]], [[tree, lone], [lone]]];
    for (const [nested, flat] of cases) expect(mergeOpenListings(nested, flat)).toEqual(reference(nested, flat));
  });
});
