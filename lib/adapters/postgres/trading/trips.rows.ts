import type { RoundTrip } from '../../../domain/round-trips.ts';
import { rMultiple } from '../../../domain/round-trips.ts';

export interface TripRow {
  id: string;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  entry_at: Date;
  entry_price: number;
  exit_at: Date | null;
  exit_price: number | null;
  pnl_usd: number | null;
  r_multiple: number | null;
  risk_per_unit_usd: number | null;
  max_qty: number;
  entry_qty: number;
  exit_qty: number;
  open_qty: number;
  fill_ids: string[];
  exit_reason: RoundTrip['exitReason'];
  entry_intent_id: string | null;
  exit_intent_id: string | null;
  adopted: boolean;
}

/** Maps a trades row to a round trip. */
export function toTrip(r: TripRow): RoundTrip {
  return {
    id: Number(r.id),
    symbol: r.symbol,
    side: r.side,
    openQty: r.open_qty,
    maxQty: r.max_qty,
    entryAt: r.entry_at.getTime(),
    entryPrice: r.entry_price,
    entryQty: r.entry_qty,
    exitAt: r.exit_at?.getTime() ?? null,
    exitPrice: r.exit_price,
    exitQty: r.exit_qty,
    realizedPnlUsd: r.pnl_usd ?? 0,
    exitReason: r.exit_reason,
    entryIntentId: r.entry_intent_id === null ? null : Number(r.entry_intent_id),
    exitIntentId: r.exit_intent_id === null ? null : Number(r.exit_intent_id),
    riskPerUnitUsd: r.risk_per_unit_usd,
    fillIds: r.fill_ids,
    adopted: r.adopted,
  };
}

const ts = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Column arrays for one `unnest` upsert of many trips. */
export function tripColumns(trips: readonly RoundTrip[]): unknown[] {
  return [
    trips.map((t) => t.id),
    trips.map((t) => t.symbol),
    trips.map((t) => t.side),
    trips.map((t) => t.maxQty),
    trips.map((t) => ts(t.entryAt)),
    trips.map((t) => t.entryPrice),
    trips.map((t) => ts(t.exitAt)),
    trips.map((t) => t.exitPrice),
    trips.map((t) => t.realizedPnlUsd),
    trips.map((t) => rMultiple(t)),
    trips.map((t) => t.riskPerUnitUsd),
    trips.map((t) => t.entryQty),
    trips.map((t) => t.exitQty),
    trips.map((t) => t.openQty),
    trips.map((t) => JSON.stringify(t.fillIds)),
    trips.map((t) => t.exitReason),
    trips.map((t) => t.entryIntentId),
    trips.map((t) => t.exitIntentId),
    trips.map((t) => t.adopted === true),
  ];
}

export const TRIP_UPSERT = `
  WITH input AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::timestamptz[], $6::float8[], $7::timestamptz[],
      $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::jsonb[], $16::text[],
      $17::bigint[], $18::bigint[], $19::boolean[])
      AS t(id, symbol, side, max_qty, entry_at, entry_price, exit_at, exit_price, pnl, r, risk, entry_qty, exit_qty, open_qty, fill_ids,
        exit_reason, entry_intent, exit_intent, adopted)
  ), updated AS (
    UPDATE trades tr SET qty = i.max_qty, max_qty = i.max_qty, entry_price = i.entry_price, exit_at = i.exit_at, exit_price = i.exit_price,
      pnl_usd = i.pnl, r_multiple = i.r, risk_per_unit_usd = i.risk, entry_qty = i.entry_qty, exit_qty = i.exit_qty, open_qty = i.open_qty,
      fill_ids = ARRAY(SELECT jsonb_array_elements_text(i.fill_ids)), exit_reason = i.exit_reason, exit_intent_id = i.exit_intent
    FROM input i WHERE i.id IS NOT NULL AND tr.id = i.id
    RETURNING tr.id
  )
  INSERT INTO trades (symbol, side, qty, max_qty, entry_at, entry_price, exit_at, exit_price, pnl_usd, r_multiple, risk_per_unit_usd,
    entry_qty, exit_qty, open_qty, fill_ids, exit_reason, entry_intent_id, exit_intent_id, adopted)
  SELECT symbol, side, max_qty, max_qty, entry_at, entry_price, exit_at, exit_price, pnl, r, risk, entry_qty, exit_qty, open_qty,
    ARRAY(SELECT jsonb_array_elements_text(fill_ids)), exit_reason, entry_intent, exit_intent, adopted
  FROM input WHERE id IS NULL`;
