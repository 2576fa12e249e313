import type pg from 'pg';
import { inTransaction } from '../../postgres/pool.ts';
import { selectOrders } from './memory-state-store.ts';
import { isTerminal, type AccountState, type SimFill, type SimOrder } from './sim-state.ts';
import { insertAccount, loadOrders, lockAccount, queryFills, queryOrders, saveCall } from './sim-broker.repo.ts';
import type { AccountSession, FillListQuery, OrderKeys, OrderListQuery, SimBrokerStore } from './state-store.ts';

/** One call's session over one transaction: the orders it loaded, what it changed, and how to save it. */
class PgSession implements AccountSession {
  readonly open = new Map<string, SimOrder>();
  private readonly known = new Map<string, SimOrder>();
  private readonly changed = new Set<SimOrder>();
  private fills: SimFill[] = [];
  private saved = false;

  constructor(
    private readonly client: pg.PoolClient,
    readonly state: AccountState,
    private version: number,
    loaded: readonly SimOrder[],
  ) {
    for (const o of loaded) this.remember(o);
  }

  private remember(o: SimOrder): void {
    this.known.set(o.id, o);
    if (isTerminal(o.status)) this.open.delete(o.id);
    else this.open.set(o.id, o);
  }

  find(id: string): SimOrder | undefined {
    return this.known.get(id);
  }

  findByClientOrderId(clientOrderId: string): SimOrder | undefined {
    for (const o of this.known.values()) if (o.clientOrderId === clientOrderId) return o;
    return undefined;
  }

  legsOf = (parentId: string): SimOrder[] => [...this.known.values()].filter((o) => o.parentId === parentId);

  save(o: SimOrder): void {
    this.remember(o);
    this.changed.add(o);
  }

  addFill(fill: SimFill): void {
    this.fills.push(fill);
  }

  /** Writes what changed since the last flush (one statement), so later reads in this transaction see it. */
  async flush(): Promise<void> {
    const ok = await saveCall(this.client, this.state.accountId, this.version, this.state, [...this.changed], this.fills);
    if (!ok) throw new Error(`sim broker account ${this.state.accountId} changed under a held lock (version ${this.version})`);
    this.version += 1;
    this.changed.clear();
    this.fills = [];
    this.saved = true;
  }

  get dirty(): boolean {
    return !this.saved || this.changed.size > 0 || this.fills.length > 0;
  }

  async listOrders(q: OrderListQuery): Promise<SimOrder[]> {
    if (this.dirty) await this.flush();
    const rows = await queryOrders(this.client, this.state.accountId, q);
    for (const r of rows) if (!this.known.has(r.order.id)) this.known.set(r.order.id, r.order);
    // The database sorted and limited; sorting again keeps ties in the same order as the in-memory store.
    return selectOrders(rows.filter((r) => r.top).map((r) => this.known.get(r.order.id)!), { ...q, after: undefined, until: undefined, symbols: undefined });
  }

  async listFills(q: FillListQuery): Promise<{ fills: SimFill[]; nextPageToken: string | null }> {
    if (this.dirty) await this.flush();
    const fills = await queryFills(this.client, this.state.accountId, q);
    const more = fills.length > q.pageSize;
    if (more) fills.pop();
    return { fills, nextPageToken: more ? fills[fills.length - 1]!.id : null };
  }
}

/**
 * The Postgres store: each call is one transaction that locks the account row (concurrent calls queue on
 * it, so two invocations can neither fill one order twice nor lose one), loads the open and named orders,
 * runs, and saves in one statement with a version check. Round trips per call: BEGIN, lock, load, save,
 * COMMIT (plus one read for order lists and fill pages), whatever the number of orders or symbols.
 */
export class PostgresStateStore implements SimBrokerStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly accountId: string,
  ) {}

  withAccount<T>(keys: OrderKeys, init: () => AccountState, work: (session: AccountSession) => Promise<T> | T): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      let row = await lockAccount(client, this.accountId);
      if (!row) {
        const fresh = init();
        if (fresh.accountId !== this.accountId) throw new Error(`store account ${this.accountId} got state of ${fresh.accountId}`);
        await insertAccount(client, fresh);
        row = await lockAccount(client, this.accountId);
        if (!row) throw new Error(`sim broker account ${this.accountId} could not be created`);
      }
      const orders = await loadOrders(client, this.accountId, keys.ids ?? [], keys.clientOrderIds ?? []);
      const session = new PgSession(client, row.state, row.version, orders);
      const result = await work(session);
      if (session.dirty) await session.flush();
      return result;
    });
  }
}
