import type pg from 'pg';
import type { ImportedFill, ImportedTrade } from './trade-import-types.ts';

/** A closed round trip ready to store (from fills or from a state file). */
export interface TripRow {
  key: string;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  entryAt: number;
  entryPrice: number;
  entryQty: number;
  exitAt: number;
  exitPrice: number;
  exitQty: number;
  pnlUsd: number;
  feesUsd: number;
  exitReason: string;
  fillIds: string[];
}

const iso = (t: number) => new Date(t).toISOString();

/** A state file's closed trade as a trip row. */
export function tripOfTrade(t: ImportedTrade): TripRow {
  const direction = t.side === 'long' ? 1 : -1;
  return { key: t.key, symbol: t.symbol, side: t.side, qty: t.qty, entryAt: t.entryAt, entryPrice: t.entryPrice, entryQty: t.qty, exitAt: t.exitAt, exitPrice: t.exitPrice, exitQty: t.qty, pnlUsd: (t.exitPrice - t.entryPrice) * t.qty * direction - t.feesUsd, feesUsd: t.feesUsd, exitReason: t.exitReason ?? 'unknown', fillIds: [] };
}

/**
 * Writes migrated trades, batch by batch, inside the caller's transaction: round trips first (keyed by
 * import_key), then fills (keyed by id) linked to their trip. Rows already stored are left alone, so a
 * second import of the same file changes nothing. Returns the rows new.
 */
export async function writeTrips(client: pg.ClientBase, trips: readonly TripRow[], file: string): Promise<number> {
  if (trips.length === 0) return 0;
  const r = await client.query(
    `INSERT INTO trades (symbol, side, qty, max_qty, entry_at, entry_price, exit_at, exit_price, pnl_usd, fees_usd, entry_qty, exit_qty, open_qty, fill_ids, exit_reason, adopted, imported_from, import_key)
     SELECT x.symbol, x.side, x.qty, x.qty, x.entry_at, x.entry_price, x.exit_at, x.exit_price, x.pnl, x.fees, x.entry_qty, x.exit_qty, 0,
            ARRAY(SELECT jsonb_array_elements_text(x.fill_ids)), x.exit_reason, false, $15, x.key
     FROM unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[], $5::float8[], $6::timestamptz[], $7::float8[], $8::float8[], $9::float8[],
                 $10::float8[], $11::float8[], $12::jsonb[], $13::text[], $14::text[])
          AS x(symbol, side, qty, entry_at, entry_price, exit_at, exit_price, pnl, fees, entry_qty, exit_qty, fill_ids, exit_reason, key)
     ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING`,
    [
      trips.map((t) => t.symbol),
      trips.map((t) => t.side),
      trips.map((t) => t.qty),
      trips.map((t) => iso(t.entryAt)),
      trips.map((t) => t.entryPrice),
      trips.map((t) => iso(t.exitAt)),
      trips.map((t) => t.exitPrice),
      trips.map((t) => t.pnlUsd),
      trips.map((t) => t.feesUsd),
      trips.map((t) => t.entryQty),
      trips.map((t) => t.exitQty),
      trips.map((t) => JSON.stringify(t.fillIds)),
      trips.map((t) => t.exitReason),
      trips.map((t) => t.key),
      file,
    ],
  );
  return r.rowCount ?? 0;
}

/** Fills with the import key of their trip (null while the trip is still open at the end of the file). */
export async function writeFills(client: pg.ClientBase, fills: readonly { fill: ImportedFill; tripKey: string | null }[], file: string): Promise<number> {
  if (fills.length === 0) return 0;
  const r = await client.query(
    `INSERT INTO fills (id, order_id, symbol, side, qty, price, at, cum_qty, leaves_qty, trade_id, imported_from, fee_usd)
     SELECT x.id, x.order_id, x.symbol, x.side, x.qty, x.price, x.at, x.qty, 0, (SELECT t.id FROM trades t WHERE t.import_key = x.trip_key), $10, x.fee
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::timestamptz[], $8::text[], $9::float8[])
          AS x(id, order_id, symbol, side, qty, price, at, trip_key, fee)
     ON CONFLICT (id) DO NOTHING`,
    [
      fills.map((f) => f.fill.id),
      fills.map((f) => f.fill.orderId),
      fills.map((f) => f.fill.symbol),
      fills.map((f) => f.fill.side),
      fills.map((f) => f.fill.qty),
      fills.map((f) => f.fill.price),
      fills.map((f) => iso(f.fill.at)),
      fills.map((f) => f.tripKey),
      fills.map((f) => f.fill.feeUsd),
      file,
    ],
  );
  return r.rowCount ?? 0;
}
