import type pg from 'pg';
import { isTerminal, type AccountState, type SimFill, type SimOrder } from './sim-state.ts';
import type { FillListQuery, OrderListQuery } from './state-store.ts';
import { parseAccountState, parseSimFill, parseSimOrder } from './state-schema.ts';

// SQL of the simulated broker's Postgres store (migration 0020_sim_broker.sql). Every function is one round
// trip. Data-modifying WITH clauses always run to completion, whether or not the main statement reads them.

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** Locks the account row for this transaction and returns it, or null when the account does not exist yet. */
export async function lockAccount(c: pg.PoolClient, accountId: string): Promise<{ version: number; state: AccountState } | null> {
  const { rows } = await c.query<{ version: string; state: unknown }>(
    'SELECT version, state FROM sim_broker_accounts WHERE account_id = $1 FOR UPDATE',
    [accountId],
  );
  const row = rows[0];
  return row ? { version: Number(row.version), state: parseAccountState(row.state) } : null;
}

/** Creates the account unless a concurrent call just did (then this waits for it and does nothing). */
export async function insertAccount(c: pg.PoolClient, state: AccountState): Promise<void> {
  await c.query('INSERT INTO sim_broker_accounts (account_id, version, state) VALUES ($1, 0, $2) ON CONFLICT (account_id) DO NOTHING', [state.accountId, JSON.stringify(state)]);
}

/**
 * The working set of one call: every open order, the orders named by id or client order id (any status),
 * and the legs of those. Runs after the row lock, so it sees everything committed before.
 */
export async function loadOrders(c: pg.PoolClient, accountId: string, ids: readonly string[], clientOrderIds: readonly string[]): Promise<SimOrder[]> {
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  const { rows } = await c.query<{ data: unknown }>(
    `WITH named AS (
       SELECT id FROM sim_broker_orders WHERE account_id = $1 AND (id = ANY($2::uuid[]) OR client_order_id = ANY($3::text[]))
     )
     SELECT data FROM sim_broker_orders
     WHERE account_id = $1 AND (is_open OR id IN (SELECT id FROM named) OR parent_id IN (SELECT id FROM named))`,
    [accountId, uuids, clientOrderIds],
  );
  return rows.map((r) => parseSimOrder(r.data));
}

/**
 * Saves one call in one statement: upserts the changed orders, appends the new fills and writes the
 * account with a version check. Returns false when the version moved (another writer got in).
 */
export async function saveCall(
  c: pg.PoolClient,
  accountId: string,
  version: number,
  state: AccountState,
  orders: readonly SimOrder[],
  fills: readonly SimFill[],
): Promise<boolean> {
  const orderRows = orders.map((o) => ({
    id: o.id,
    client_order_id: o.clientOrderId,
    parent_id: o.parentId,
    symbol: o.symbol,
    status: o.status,
    is_open: !isTerminal(o.status),
    created_at: iso(o.createdAt),
    data: o,
  }));
  const fillRows = fills.map((f) => ({ id: f.id, order_id: f.orderId, at: iso(f.at), data: f }));
  const { rowCount } = await c.query(
    `WITH o AS (
       INSERT INTO sim_broker_orders (account_id, id, client_order_id, parent_id, symbol, status, is_open, created_at, data)
       SELECT $1, r.id, r.client_order_id, r.parent_id, r.symbol, r.status, r.is_open, r.created_at, r.data
       FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, client_order_id text, parent_id uuid, symbol text, status text, is_open boolean, created_at timestamptz, data jsonb)
       ON CONFLICT (account_id, id) DO UPDATE
         SET parent_id = EXCLUDED.parent_id, status = EXCLUDED.status, is_open = EXCLUDED.is_open, data = EXCLUDED.data
     ), f AS (
       INSERT INTO sim_broker_fills (account_id, id, order_id, at, data)
       SELECT $1, r.id, r.order_id, r.at, r.data
       FROM jsonb_to_recordset($3::jsonb) AS r(id text, order_id uuid, at timestamptz, data jsonb)
     )
     UPDATE sim_broker_accounts
     SET state = $4::jsonb, version = version + 1, updated_at = now()
     WHERE account_id = $1 AND version = $5`,
    [accountId, JSON.stringify(orderRows), JSON.stringify(fillRows), JSON.stringify(state), version],
  );
  return rowCount === 1;
}

/** Orders matching `q`, and with `nested` the legs of those orders too (flagged `top = false`). */
export async function queryOrders(c: pg.PoolClient, accountId: string, q: OrderListQuery): Promise<{ order: SimOrder; top: boolean }[]> {
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const { rows } = await c.query<{ data: unknown; top: boolean }>(
    `WITH top AS (
       SELECT id FROM sim_broker_orders
       WHERE account_id = $1
         AND ($2::text = 'all' OR is_open = ($2::text = 'open'))
         AND (NOT $3::boolean OR parent_id IS NULL)
         AND ($4::text[] IS NULL OR symbol = ANY($4::text[]))
         AND ($5::timestamptz IS NULL OR created_at > $5::timestamptz)
         AND ($6::timestamptz IS NULL OR created_at < $6::timestamptz)
       ORDER BY created_at ${dir}, id ${dir}
       LIMIT $7
     )
     SELECT data, id IN (SELECT id FROM top) AS top FROM sim_broker_orders
     WHERE account_id = $1 AND (id IN (SELECT id FROM top) OR ($3::boolean AND parent_id IN (SELECT id FROM top)))`,
    [accountId, q.status, q.nested, q.symbols?.length ? q.symbols : null, iso(q.after), iso(q.until), q.limit],
  );
  return rows.map((r) => ({ order: parseSimOrder(r.data), top: r.top }));
}

/** One page of fills in id (= time) order after (or, descending, before) the page token; one extra row tells whether more follow. */
export async function queryFills(c: pg.PoolClient, accountId: string, q: FillListQuery): Promise<SimFill[]> {
  const asc = q.direction === 'asc';
  const { rows } = await c.query<{ data: unknown }>(
    `SELECT data FROM sim_broker_fills
     WHERE account_id = $1
       AND ($2::text IS NULL OR id ${asc ? '>' : '<'} $2::text)
       AND ($3::timestamptz IS NULL OR at > $3::timestamptz)
       AND ($4::timestamptz IS NULL OR at < $4::timestamptz)
     ORDER BY id ${asc ? 'ASC' : 'DESC'}
     LIMIT $5`,
    [accountId, q.pageToken ?? null, iso(q.after), iso(q.until), q.pageSize + 1],
  );
  return rows.map((r) => parseSimFill(r.data));
}
