import type pg from 'pg';
import type { Bar, Timeframe } from '../../../domain/market.ts';
import { float8Array, int8Array, textArray, timestamptzArray } from './pg-binary-array.ts';

/** Bars of one timeframe, by symbol. */
export interface BarBatch {
  timeframe: Timeframe;
  bySymbol: ReadonlyMap<string, readonly Bar[]>;
  /** What the rows say about where they came from: `alpaca feed=iex adjustment=split`. */
  source: string;
}

const COLUMNS = `INSERT INTO history_bars AS b (symbol, timeframe, t, o, h, l, c, v, vw, n, source)
     SELECT unnest($1::text[]), $2, unnest($4::timestamptz[]), unnest($5::float8[]), unnest($6::float8[]), unnest($7::float8[]),
            unnest($8::float8[]), unnest($9::float8[]), unnest($10::float8[]), unnest($11::int8[]), $3`;
// An INSERT's row count is the rows inserted or updated: a bar already stored as is counts nothing.
const UPSERT = `${COLUMNS}
     ON CONFLICT (symbol, timeframe, t) DO UPDATE SET
       o = EXCLUDED.o, h = EXCLUDED.h, l = EXCLUDED.l, c = EXCLUDED.c, v = EXCLUDED.v, vw = EXCLUDED.vw, n = EXCLUDED.n, source = EXCLUDED.source
     WHERE (b.o, b.h, b.l, b.c, b.v, b.vw, b.n) IS DISTINCT FROM (EXCLUDED.o, EXCLUDED.h, EXCLUDED.l, EXCLUDED.c, EXCLUDED.v, EXCLUDED.vw, EXCLUDED.n)`;
const ANY_STORED = `SELECT 1 FROM history_bars WHERE symbol = ANY($1::text[]) AND timeframe = $2 AND t >= $3 AND t <= $4 LIMIT 1`;

/** Whether `e` is Postgres' unique_violation (a key another transaction committed first). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/**
 * One statement for a whole page; a bar already stored with the same values is left alone (and not counted).
 * The columns cross as binary arrays and are unnested in the select list (in lockstep, without the
 * per-function tuplestores that `FROM unnest(a, b, ...)` fills): the client formats no number and the
 * server parses none, which was most of the CPU of a page. When nothing of the page's symbols and time span
 * is stored yet (a first download), the rows go in without ON CONFLICT, whose speculative insertion costs
 * about a quarter of the database's work per row; a writer racing for the same keys then fails the page
 * with a unique violation, and the caller redoes it with `compare`.
 */
export async function insertBars(client: pg.ClientBase, batch: BarBatch, options: { compare?: boolean } = {}): Promise<number> {
  const symbols: string[] = [];
  const t: number[] = [];
  const prices: number[][] = [[], [], [], []];
  const volume: number[] = [];
  const vwap: (number | undefined)[] = [];
  const trades: (number | undefined)[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const [symbol, bars] of batch.bySymbol) {
    for (const b of bars) {
      symbols.push(symbol);
      t.push(b.t);
      if (b.t < first) first = b.t;
      if (b.t > last) last = b.t;
      prices[0]!.push(b.o);
      prices[1]!.push(b.h);
      prices[2]!.push(b.l);
      prices[3]!.push(b.c);
      volume.push(b.v);
      vwap.push(b.vw);
      trades.push(b.n === undefined ? undefined : Math.round(b.n));
    }
  }
  if (symbols.length === 0) return 0;
  const params = [
    textArray(symbols),
    batch.timeframe,
    batch.source,
    timestamptzArray(t, 'bar start (t)'),
    float8Array(prices[0]!, 'bar open (o)'),
    float8Array(prices[1]!, 'bar high (h)'),
    float8Array(prices[2]!, 'bar low (l)'),
    float8Array(prices[3]!, 'bar close (c)'),
    float8Array(volume, 'bar volume (v)'),
    float8Array(vwap, 'bar vwap (vw)'),
    int8Array(trades, 'bar trade count (n)'),
  ];
  let compare = options.compare === true;
  if (!compare) {
    const stored = await client.query(ANY_STORED, [textArray([...batch.bySymbol.keys()]), batch.timeframe, new Date(Math.floor(first)), new Date(Math.ceil(last))]);
    compare = (stored.rowCount ?? 0) > 0;
  }
  const result = await client.query(compare ? UPSERT : COLUMNS, params);
  return result.rowCount ?? 0;
}
