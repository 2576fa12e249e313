import type { AccountState, SimFill, SimOrder } from './sim-state.ts';
import type { AccountSession, FillListQuery, OrderListQuery, SimBrokerStore } from './state-store.ts';
import { isTerminal } from './sim-state.ts';

/** Orders matching a list query, newest or oldest first, limited (shared by both stores' tests of semantics). */
export function selectOrders(orders: Iterable<SimOrder>, q: OrderListQuery): SimOrder[] {
  const symbols = q.symbols?.length ? new Set(q.symbols) : null;
  const out: SimOrder[] = [];
  for (const o of orders) {
    if (q.status === 'open' && isTerminal(o.status)) continue;
    if (q.status === 'closed' && !isTerminal(o.status)) continue;
    if (q.nested && o.parentId !== null) continue;
    if (symbols && !symbols.has(o.symbol)) continue;
    if (q.after !== undefined && !(o.createdAt > q.after)) continue;
    if (q.until !== undefined && !(o.createdAt < q.until)) continue;
    out.push(o);
  }
  if (out.length > 1) out.sort(q.direction === 'asc' ? oldestFirst : newestFirst);
  // Within the limit (a NaN limit is not) the list is answered as it is, not copied.
  return out.length <= q.limit ? out : out.slice(0, q.limit);
}

// Module functions, not a closure per listing: reconcile lists orders three times a tick.
function oldestFirst(a: SimOrder, b: SimOrder): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function newestFirst(a: SimOrder, b: SimOrder): number {
  return -oldestFirst(a, b);
}

function lowerBound(fills: readonly SimFill[], id: string): number {
  let lo = 0;
  let hi = fills.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fills[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// A module function, not a named closure per page: reconcile reads a page of fills every tick.
function inWindow(f: SimFill, q: FillListQuery): boolean {
  return (q.after === undefined || f.at > q.after) && (q.until === undefined || f.at < q.until);
}

/** One page of fills kept in id (= time) order. */
export function pageFills(fills: readonly SimFill[], q: FillListQuery): { fills: SimFill[]; nextPageToken: string | null } {
  const out: SimFill[] = [];
  if (q.direction === 'asc') {
    let i = q.pageToken ? lowerBound(fills, q.pageToken) : 0;
    if (q.pageToken && fills[i]?.id === q.pageToken) i++;
    for (; i < fills.length && out.length <= q.pageSize; i++) if (inWindow(fills[i]!, q)) out.push(fills[i]!);
  } else {
    let i = q.pageToken ? lowerBound(fills, q.pageToken) - 1 : fills.length - 1;
    for (; i >= 0 && out.length <= q.pageSize; i--) if (inWindow(fills[i]!, q)) out.push(fills[i]!);
  }
  const more = out.length > q.pageSize;
  if (more) out.pop();
  return { fills: out, nextPageToken: more ? out[out.length - 1]!.id : null };
}

/**
 * The in-memory store, for backtests: one account in this process, calls serialised on a promise chain,
 * objects changed in place (no copies per call: a replay makes millions of them).
 */
export class MemoryStateStore implements SimBrokerStore {
  private state: AccountState | null = null;
  private readonly open = new Map<string, SimOrder>();
  private readonly all = new Map<string, SimOrder>();
  private readonly byClientOrderId = new Map<string, SimOrder>();
  private readonly byParent = new Map<string, SimOrder[]>();
  private readonly fills: SimFill[] = [];
  private busy = false;
  private readonly waiting: (() => void)[] = [];
  // The account as a plain field, set when the account is opened: every call reads it several times.
  private readonly session: AccountSession & { state: AccountState };

  constructor() {
    this.session = {
      state: null as unknown as AccountState,
      open: this.open,
      find: (id) => this.all.get(id),
      findByClientOrderId: (coid) => this.byClientOrderId.get(coid),
      legsOf: (parentId) => this.byParent.get(parentId) ?? [],
      save: (o) => this.save(o),
      addFill: (f) => void this.fills.push(f),
      // At once, not a promise: a broker read then ends within its call (see withAccount). No order to list
      // (a quiet account's every tick): no iterator walked.
      listOrders: (q) => {
        const orders = q.status === 'open' ? this.open : this.all;
        return orders.size === 0 ? [] : selectOrders(orders.values(), q);
      },
      listFills: (q) => pageFills(this.fills, q),
    };
  }

  private save(o: SimOrder): void {
    if (!this.all.has(o.id)) {
      this.all.set(o.id, o);
      this.byClientOrderId.set(o.clientOrderId, o);
      if (o.parentId !== null) {
        const legs = this.byParent.get(o.parentId);
        if (legs) legs.push(o);
        else this.byParent.set(o.parentId, [o]);
      }
    }
    if (isTerminal(o.status)) this.open.delete(o.id);
    else this.open.set(o.id, o);
  }

  /**
   * Runs `work` after every earlier call has finished. Idle, a `work` that answers at once (every broker read
   * does) runs and ends within this call: concurrent reads then never queue behind one another, which they did
   * while the previous call's end waited a microtask; an async `work` holds the account until it settles.
   */
  withAccount<T>(_keys: unknown, init: () => AccountState, work: (session: AccountSession) => Promise<T> | T): Promise<T> {
    if (this.busy) return this.queued(init, work);
    this.busy = true;
    let result: Promise<T> | T;
    try {
      if (this.state === null) this.session.state = this.state = init();
      result = work(this.session);
    } catch (e) {
      this.handOn();
      return Promise.reject(e as Error);
    }
    if (!(result instanceof Promise)) {
      this.handOn();
      return Promise.resolve(result);
    }
    return result.finally(() => this.handOn());
  }

  // A queue of waiters instead of a promise per call: a replay makes several calls a tick, almost never concurrent.
  private async queued<T>(init: () => AccountState, work: (session: AccountSession) => Promise<T> | T): Promise<T> {
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      if (this.state === null) this.session.state = this.state = init();
      return await work(this.session);
    } finally {
      this.handOn();
    }
  }

  // Handed on in arrival order, still busy, so no call that arrives meanwhile can slip in between.
  private handOn(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}
