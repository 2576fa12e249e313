import type { Broker, FillQuery, OrderQuery } from '../../lib/ports/broker.port.ts';
import type { Account, Fill, Order, OrderRequest, Position, SubmitOutcome } from '../../lib/domain/orders.ts';

/**
 * A small in-memory broker for use-case tests: it keeps orders, fills and positions, and can be told to
 * fail a submit before or after the order is stored (the ambiguous case). Fills happen when a test says so.
 */
export class FakeBroker implements Broker {
  orders = new Map<string, Order>();
  fills: Fill[] = [];
  positions = new Map<string, Position>();
  submits = 0;
  /** 'before': the request never arrives; 'after': the broker stores the order but the answer is lost. */
  failNextSubmit: 'before' | 'after' | null = null;
  private seq = 0;
  constructor(private readonly now: () => number) {}

  async getAccount(): Promise<Account> {
    const mv = [...this.positions.values()].reduce((s, p) => s + p.marketValue, 0);
    return { id: 'acct', status: 'ACTIVE', currency: 'USD', cash: 100_000 - mv, equity: 100_000, lastEquity: 100_000, buyingPower: 200_000, longMarketValue: mv, shortMarketValue: 0, initialMargin: 0, maintenanceMargin: 0, multiplier: 2, tradingBlocked: false, accountBlocked: false, shortingEnabled: true };
  }
  async getClock() { return { now: this.now(), isOpen: true, nextOpen: this.now() + 86_400_000, nextClose: this.now() + 3_600_000 }; }
  async getCalendar() { return []; }
  async getAssets() { return []; }
  async getAsset() { return null; }
  async getPositions() { return [...this.positions.values()]; }

  async submitOrder(r: OrderRequest): Promise<SubmitOutcome> {
    this.submits++;
    const fail = this.failNextSubmit;
    this.failNextSubmit = null;
    if (fail === 'before') throw Object.assign(new Error('timeout'), { name: 'AppError', code: 'DEPENDENCY_TIMEOUT', retryable: true, status: 504 });
    if ([...this.orders.values()].some((o) => o.clientOrderId === r.clientOrderId)) {
      return { status: 'duplicate', order: [...this.orders.values()].find((o) => o.clientOrderId === r.clientOrderId)! };
    }
    const t = this.now();
    const order: Order = {
      id: `ord-${++this.seq}`, clientOrderId: r.clientOrderId, symbol: r.symbol, assetClass: 'us_equity', side: r.side, type: r.type, timeInForce: r.timeInForce,
      orderClass: r.orderClass ?? 'simple', status: 'new', qty: r.qty ?? null, notional: null, filledQty: 0, filledAvgPrice: null, limitPrice: r.limitPrice ?? null,
      stopPrice: r.stopPrice ?? null, trailPrice: null, trailPercent: null, hwm: null, extendedHours: false, createdAt: t, updatedAt: t, submittedAt: t, filledAt: null,
      canceledAt: null, expiredAt: null, replacedBy: null, replaces: null, legs: [],
    };
    this.orders.set(order.id, order);
    if (fail === 'after') return { status: 'unresolved', message: 'timeout after the order was sent' };
    return { status: 'accepted', order };
  }

  /** Fills (part of) an order at `price`. */
  fill(orderId: string, qty: number, price: number): Fill {
    const o = this.orders.get(orderId)!;
    const filledQty = o.filledQty + qty;
    const avg = ((o.filledAvgPrice ?? 0) * o.filledQty + price * qty) / filledQty;
    const done = filledQty >= (o.qty ?? 0);
    this.orders.set(orderId, { ...o, filledQty, filledAvgPrice: avg, status: done ? 'filled' : 'partially_filled', filledAt: done ? this.now() : null, updatedAt: this.now() });
    const f: Fill = { id: `fill-${++this.seq}`, orderId, symbol: o.symbol, side: o.side, qty, price, at: this.now(), cumQty: filledQty, leavesQty: (o.qty ?? 0) - filledQty, kind: done ? 'fill' : 'partial_fill' };
    this.fills.push(f);
    const p = this.positions.get(o.symbol);
    const signedQty = (p ? (p.side === 'long' ? p.qty : -p.qty) : 0) + (o.side === 'buy' ? qty : -qty);
    if (Math.abs(signedQty) < 1e-9) this.positions.delete(o.symbol);
    else {
      const q = Math.abs(signedQty);
      this.positions.set(o.symbol, { symbol: o.symbol, assetClass: 'us_equity', side: signedQty > 0 ? 'long' : 'short', qty: q, qtyAvailable: q, avgEntryPrice: p?.avgEntryPrice ?? price, currentPrice: price, lastdayPrice: price, marketValue: q * price, costBasis: q * (p?.avgEntryPrice ?? price), unrealizedPl: 0, unrealizedIntradayPl: 0 });
    }
    return f;
  }

  async getOrder(id: string) { return this.orders.get(id) ?? null; }
  async getOrderByClientOrderId(cid: string) { return [...this.orders.values()].find((o) => o.clientOrderId === cid) ?? null; }
  async listOrders(q: OrderQuery) {
    const open = (o: Order) => !['filled', 'canceled', 'expired', 'replaced', 'rejected'].includes(o.status);
    return [...this.orders.values()].filter((o) => (q.status === 'all' ? true : q.status === 'open' ? open(o) : !open(o)) && (q.after === undefined || o.updatedAt > q.after));
  }
  async cancelOrder(id: string) { const o = this.orders.get(id); if (o) this.orders.set(id, { ...o, status: 'canceled', canceledAt: this.now() }); }
  async replaceOrder(id: string): Promise<Order> { return this.orders.get(id)!; }
  async closePosition(): Promise<Order> { throw new Error('not used by these tests'); }
  async getFills(q: FillQuery) {
    return { fills: this.fills.filter((f) => q.after === undefined || f.at > q.after), nextPageToken: null };
  }
}
