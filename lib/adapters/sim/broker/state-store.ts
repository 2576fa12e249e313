import type { EpochMs } from '../../../domain/time.ts';
import type { AccountState, SimFill, SimOrder } from './sim-state.ts';

/** Orders a call needs besides the open ones, named up front so a store can load them in the same round trip. */
export interface OrderKeys {
  ids?: readonly string[];
  clientOrderIds?: readonly string[];
}

/** A listing of orders, as GET /v2/orders filters them. */
export interface OrderListQuery {
  status: 'open' | 'closed' | 'all';
  /** Created strictly after / strictly before (Alpaca's `until` is exclusive). */
  after?: EpochMs;
  until?: EpochMs;
  limit: number;
  symbols?: readonly string[];
  direction: 'asc' | 'desc';
  /** When true, legs are not listed on their own but under their parent (`legsOf`). */
  nested: boolean;
}

/** A page of fill activities. */
export interface FillListQuery {
  after?: EpochMs;
  until?: EpochMs;
  /** The id of the last activity of the previous page (Alpaca's page_token). */
  pageToken?: string;
  pageSize: number;
  direction: 'asc' | 'desc';
}

/**
 * One call's view of one account, under exclusive access: the account, every non-terminal order, the
 * orders the call named (with their legs), and a record of what the call changed.
 */
export interface AccountSession {
  readonly state: AccountState;
  /** Every non-terminal order (working, accepted, held legs); `save` keeps it current. */
  readonly open: Map<string, SimOrder>;
  /** An order by id: open, or named in the call's keys (or a leg of one), or listed by this call. */
  find(id: string): SimOrder | undefined;
  findByClientOrderId(clientOrderId: string): SimOrder | undefined;
  /** Legs of a parent that this session knows (open ones always; closed ones when the parent was named or listed). */
  legsOf(parentId: string): SimOrder[];
  /** Marks an order as new or changed, to be saved with the call. */
  save(order: SimOrder): void;
  addFill(fill: SimFill): void;
  /** Orders matching `q` as they stand with this call's changes (at once from a store in memory). */
  listOrders(q: OrderListQuery): SimOrder[] | Promise<SimOrder[]>;
  /** Fills matching `q`, one page, with the token of the next page (null on the last). */
  listFills(q: FillListQuery): { fills: SimFill[]; nextPageToken: string | null } | Promise<{ fills: SimFill[]; nextPageToken: string | null }>;
}

/**
 * Where a simulated account lives: in memory for backtests, in Postgres so separate function invocations
 * share one account. `withAccount` gives exclusive access (concurrent calls queue) and creates the account
 * from `init` on first use. The Postgres store saves what `work` changed in one transaction, or nothing if
 * it throws; the in-memory store changes its objects in place (the engine decides every refusal before it
 * changes anything, so only a bug could leave half a change there).
 */
export interface SimBrokerStore {
  withAccount<T>(keys: OrderKeys, init: () => AccountState, work: (session: AccountSession) => Promise<T> | T): Promise<T>;
}
