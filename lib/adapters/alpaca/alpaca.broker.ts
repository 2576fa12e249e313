import type { Broker, FillPage, FillQuery, OrderQuery, UnmanagedEntry } from '../../ports/broker.port.ts';
import type { CallStats } from '../../ports/market-data.port.ts';
import type { IsoDate } from '../../domain/time.ts';
import type { Asset, AssetClass, CalendarDay, MarketClock } from '../../domain/market.ts';
import type { Account, Fill, Order, OrderPatch, OrderRequest, Position, SubmitOutcome } from '../../domain/orders.ts';
import type { AlpacaClient } from './alpaca.client.ts';
import {
  accountWire, assetWire, assetsWire, calendarWire, clockWire, fillWire, orderWire, positionWire,
} from './alpaca.models.ts';
import { decodeListing } from './alpaca.unmanaged.ts';
import { formatDecimal, toPatchOrderRequest } from './alpaca.orders.ts';
import {
  accountFromWire, assetFromWire, calendarFromWire, clockFromWire, decode, fillFromWire, orderFromWire, positionFromWire,
} from './alpaca.parse.ts';
import { lookupByClientOrderId, submitOrder } from './alpaca.submit.ts';

const ORDERS_PAGE_MAX = 500;
const FILLS_PAGE_MAX = 100;
/** When the last order of a raw page was submitted (created, if not yet submitted), whatever its class. */
function lastSubmittedAt(body: unknown[]): number | null {
  const last = body[body.length - 1] as { submitted_at?: unknown; created_at?: unknown } | undefined;
  const t = Date.parse(String(last?.submitted_at ?? last?.created_at ?? ''));
  return Number.isNaN(t) ? null : t;
}
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

export interface AlpacaBrokerOptions {
  /** Told of every listed order or position in a class Catalyst does not trade (options, IPO), which is left out. */
  onUnmanaged?: (entries: UnmanagedEntry[]) => void;
}

/** The Broker port on Alpaca's Trading API v2 (paper unless the client was built with `live: true`). */
export class AlpacaBroker implements Broker {
  constructor(
    private readonly client: AlpacaClient,
    private readonly options: AlpacaBrokerOptions = {},
  ) {}

  private report(unmanaged: UnmanagedEntry[]): void {
    if (unmanaged.length > 0) this.options.onUnmanaged?.(unmanaged);
  }

  private get api() {
    return this.client.sdk.trading;
  }

  /** Balances, buying power and account flags. */
  async getAccount(): Promise<Account> {
    const e = 'GET /v2/account';
    return accountFromWire(decode(accountWire, await this.client.request('trading', e, () => this.api.account.getAccountRaw()), e));
  }

  /** Alpaca's market clock (GET /v2/clock). */
  async getClock(): Promise<MarketClock> {
    const e = 'GET /v2/clock';
    return clockFromWire(decode(clockWire, await this.client.request('trading', e, () => this.api.clock.legacyClockRaw()), e));
  }

  /** Trading days from `start` to `end` inclusive (New York dates). */
  async getCalendar(start: IsoDate, end: IsoDate): Promise<CalendarDay[]> {
    const e = 'GET /v2/calendar';
    // Noon UTC is the same calendar date in New York and in UTC, however Alpaca reads the instant.
    const at = (d: IsoDate) => new Date(`${d}T12:00:00Z`);
    const body = await this.client.request('trading', e, () => this.api.calendar.legacyCalendarRaw({ start: at(start), end: at(end) }));
    return calendarFromWire(decode(calendarWire, body, e)).filter((d) => d.date >= start && d.date <= end);
  }

  /** Assets of one class (US equities unless asked otherwise). */
  async getAssets(filter: { assetClass?: AssetClass; status?: 'active' | 'inactive' } = {}): Promise<Asset[]> {
    const e = 'GET /v2/assets';
    const body = await this.client.request('trading', e, () =>
      this.api.assets.getV2AssetsRaw({ assetClass: filter.assetClass ?? 'us_equity', status: filter.status }),
    );
    return decode(assetsWire, body, e).map((a) => assetFromWire(a, e));
  }

  /** One asset by symbol (crypto pairs URL-encoded), or null when Alpaca does not know it. */
  async getAsset(symbol: string): Promise<Asset | null> {
    const e = 'GET /v2/assets/{symbol_or_asset_id}';
    const body = await this.orNull(e, () => this.api.assets.getV2AssetsSymbolOrAssetIdRaw({ symbolOrAssetId: symbol }));
    return body === null ? null : assetFromWire(decode(assetWire, body, e), e);
  }

  /** Open positions, each with its side and absolute quantity. */
  async getPositions(): Promise<Position[]> {
    const e = 'GET /v2/positions';
    const listing = decodeListing(positionWire, await this.client.request('trading', e, () => this.api.positions.getAllOpenPositionsRaw()), e, 'position');
    this.report(listing.unmanaged);
    return listing.managed.map(positionFromWire);
  }

  /** Sends the order once; see alpaca.submit.ts for how each answer becomes an outcome. */
  submitOrder(request: OrderRequest): Promise<SubmitOutcome> {
    return submitOrder(this.client, request);
  }

  /** One order with its legs, or null for an unknown id. */
  async getOrder(id: string): Promise<Order | null> {
    const e = 'GET /v2/orders/{order_id}';
    const body = await this.orNull(e, () => this.api.orders.getOrderByOrderIDRaw({ orderId: id, nested: true }));
    return body === null ? null : orderFromWire(decode(orderWire, body, e));
  }

  /** The order stored under a client order id, or null when Alpaca has none. */
  async getOrderByClientOrderId(clientOrderId: string): Promise<Order | null> {
    const lookup = await lookupByClientOrderId(this.client, clientOrderId);
    if ('found' in lookup) return lookup.found;
    if ('missing' in lookup) return null;
    throw lookup.failed;
  }

  /**
   * Pages by submission time (Alpaca returns at most 500 a page). Each next page starts one millisecond
   * inside the last one, so orders sharing the boundary millisecond are not lost; repeats are dropped by id.
   */
  async listOrders(query: OrderQuery): Promise<Order[]> {
    const e = 'GET /v2/orders';
    const total = query.limit ?? Number.POSITIVE_INFINITY;
    const direction = query.direction ?? 'desc';
    let { after, until } = query;
    const seen = new Set<string>();
    const out: Order[] = [];
    while (out.length < total) {
      const limit = Math.min(ORDERS_PAGE_MAX, total - out.length);
      const body = await this.client.request('trading', e, () =>
        this.api.orders.getAllOrdersRaw({
          status: query.status, limit, after: iso(after), until: iso(until), direction,
          nested: query.nested ?? true, symbols: query.symbols?.join(','),
        }),
      );
      const listing = decodeListing(orderWire, body, e, 'order');
      const page = listing.managed.map(orderFromWire);
      const fresh = page.filter((o) => !seen.has(o.id));
      const freshUnmanaged = listing.unmanaged.filter((u) => u.id === null || !seen.has(u.id));
      for (const o of fresh) seen.add(o.id);
      for (const u of freshUnmanaged) if (u.id !== null) seen.add(u.id);
      this.report(freshUnmanaged);
      out.push(...fresh.slice(0, total - out.length));
      // Unmanaged entries count towards the page: a full page means there may be more.
      if ((body as unknown[]).length < limit || fresh.length + freshUnmanaged.length === 0) break;
      const last = lastSubmittedAt(body as unknown[]);
      if (last === null) break;
      if (direction === 'desc') until = last + 1;
      else after = last - 1;
    }
    return out;
  }

  /** Requests a cancel; an order that can no longer be canceled fails with BROKER_REJECTED. */
  async cancelOrder(id: string): Promise<void> {
    // A cancel is idempotent: sending it twice cancels once or answers "not cancelable".
    await this.client.request('trading', 'DELETE /v2/orders/{order_id}', () => this.api.orders.deleteOrderByOrderIDRaw({ orderId: id }), true);
  }

  /** Replaces an open order; Alpaca answers with the new order (new id). */
  async replaceOrder(id: string, patch: OrderPatch): Promise<Order> {
    const e = 'PATCH /v2/orders/{order_id}';
    const body = await this.client.request('trading', e, () =>
      this.api.orders.patchOrderByOrderIdRaw({ orderId: id, patchOrderRequest: toPatchOrderRequest(patch) }),
    );
    return orderFromWire(decode(orderWire, body, e));
  }

  /** Closes (part of) a position with a market order; never retried (it would sell twice). */
  async closePosition(symbol: string, options: { qty?: number; percentage?: number } = {}): Promise<Order> {
    const e = 'DELETE /v2/positions/{symbol_or_asset_id}';
    const qty = options.qty === undefined ? undefined : Number(formatDecimal(options.qty, 'qty'));
    const percentage = options.percentage === undefined ? undefined : Number(formatDecimal(options.percentage, 'percentage'));
    const body = await this.client.request('trading', e, () => this.api.positions.deleteOpenPositionRaw({ symbolOrAssetId: symbol, qty, percentage }));
    return orderFromWire(decode(orderWire, body, e));
  }

  /** One page of executions, oldest first; `nextPageToken` (the last activity id) is null on the last page. */
  async getFills(query: FillQuery): Promise<FillPage> {
    const e = 'GET /v2/account/activities/{activity_type}';
    const pageSize = Math.min(FILLS_PAGE_MAX, Math.max(1, query.pageSize ?? FILLS_PAGE_MAX));
    const body = await this.client.request('trading', e, () =>
      this.api.accountActivities.getAccountActivitiesByActivityTypeRaw({
        activityType: 'FILL',
        after: query.after === undefined ? undefined : new Date(query.after),
        until: query.until === undefined ? undefined : new Date(query.until),
        direction: 'asc',
        pageSize,
        pageToken: query.pageToken,
      }),
    );
    const listing = decodeListing(fillWire, body, e, 'fill');
    this.report(listing.unmanaged);
    const fills: Fill[] = listing.managed.map(fillFromWire);
    // The page token is the last activity's id, whatever it was: set-aside fills still fill the page.
    const raw = body as { id?: unknown }[];
    return { fills, nextPageToken: raw.length === pageSize ? String(raw[raw.length - 1]!.id) : null };
  }

  /** Calls made to the trading host, by endpoint. */
  stats(): CallStats {
    return this.client.stats('trading');
  }

  /** Requests left per host. */
  budget(): Promise<Record<string, number>> {
    return this.client.budget();
  }

  private async orNull(endpoint: string, send: () => Promise<{ raw: Response }>): Promise<unknown> {
    const r = await this.client.exchange('trading', endpoint, send);
    if (r.ok) return r.body;
    if (r.failure.kind === 'http' && r.failure.status === 404) return null;
    throw this.client.fail(endpoint, r.failure, true);
  }
}
