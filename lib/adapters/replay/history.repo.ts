import type pg from 'pg';
import type { Timeframe } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import { inTransaction } from '../postgres/pool.ts';
import type { HistoryBar } from './history-types.ts';
import { barRowSchema, newsRowSchema, seriesRowSchema, spanRowSchema, toHistoryBar, toNewsItem } from './history-rows.ts';

/** What an upsert did: new rows, changed rows, and rows already stored exactly so. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** One stored series: a symbol at one timeframe. */
export interface SeriesSummary {
  symbol: string;
  timeframe: Timeframe;
  bars: number;
  first: EpochMs;
  last: EpochMs;
}

const iso = (t: EpochMs) => new Date(t).toISOString();

function keepLast<T>(rows: readonly T[], key: (row: T) => string, merge: (older: T, newer: T) => T = (_o, n) => n): T[] {
  const byKey = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const old = byKey.get(k);
    byKey.set(k, old === undefined ? r : merge(old, r));
  }
  return [...byKey.values()];
}

function counts(total: number, result: pg.QueryResult<{ inserted: boolean }>): UpsertCounts {
  const inserted = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, unchanged: total - inserted - updated };
}

/** The sum of two upserts' counts. */
export const addCounts = (a: UpsertCounts, b: UpsertCounts): UpsertCounts => ({ inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged });

/**
 * Postgres store of market history. Upserts send one statement per batch (arrays through `unnest`), skip
 * rows that are already stored exactly so, and are idempotent: importing a file twice changes nothing.
 */
export class PgHistoryRepo {
  constructor(
    private readonly pool: pg.Pool | pg.PoolClient,
    private readonly batchSize = 5_000,
  ) {}

  /** Runs `work` over a repo inside one transaction: all of its writes land, or none (a failed import). */
  async inTransaction<T>(work: (repo: PgHistoryRepo) => Promise<T>): Promise<T> {
    if (!('totalCount' in this.pool)) return work(this);
    return inTransaction(this.pool, (client) => work(new PgHistoryRepo(client, this.batchSize)));
  }

  /** Inserts or updates bars; the last of several rows with one key wins. */
  async upsertBars(rows: readonly HistoryBar[], source: string): Promise<UpsertCounts> {
    const unique = keepLast(rows, (r) => `${r.symbol}|${r.timeframe}|${r.bar.t}`);
    let total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < unique.length; i += this.batchSize) {
      const batch = unique.slice(i, i + this.batchSize);
      const result = await this.pool.query<{ inserted: boolean }>(
        `INSERT INTO history_bars AS b (symbol, timeframe, t, o, h, l, c, v, vw, n, adj_close, source)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
                              $8::float8[], $9::float8[], $10::bigint[], $11::float8[], $12::text[])
         ON CONFLICT (symbol, timeframe, t) DO UPDATE SET
           o = EXCLUDED.o, h = EXCLUDED.h, l = EXCLUDED.l, c = EXCLUDED.c, v = EXCLUDED.v, vw = EXCLUDED.vw,
           n = EXCLUDED.n, adj_close = EXCLUDED.adj_close, source = EXCLUDED.source
         WHERE (b.o, b.h, b.l, b.c, b.v, b.vw, b.n, b.adj_close)
               IS DISTINCT FROM (EXCLUDED.o, EXCLUDED.h, EXCLUDED.l, EXCLUDED.c, EXCLUDED.v, EXCLUDED.vw, EXCLUDED.n, EXCLUDED.adj_close)
         RETURNING (xmax = 0) AS inserted`,
        [
          batch.map((r) => r.symbol),
          batch.map((r) => r.timeframe),
          batch.map((r) => iso(r.bar.t)),
          batch.map((r) => r.bar.o),
          batch.map((r) => r.bar.h),
          batch.map((r) => r.bar.l),
          batch.map((r) => r.bar.c),
          batch.map((r) => r.bar.v),
          batch.map((r) => r.bar.vw ?? null),
          batch.map((r) => (r.bar.n === undefined ? null : Math.round(r.bar.n))),
          batch.map((r) => r.adjClose ?? null),
          batch.map(() => source),
        ],
      );
      total = addCounts(total, counts(batch.length, result));
    }
    return total;
  }

  /** Inserts or updates news versions; the symbols of a version are the union of every import's. */
  async upsertNews(items: readonly NewsItem[]): Promise<UpsertCounts> {
    const unique = keepLast(items, (n) => `${n.source}|${n.sourceId}|${n.version}`, (o, n) => ({ ...n, symbols: [...new Set([...o.symbols, ...n.symbols])] }));
    let total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < unique.length; i += this.batchSize) {
      const batch = unique.slice(i, i + this.batchSize);
      const result = await this.pool.query<{ inserted: boolean }>(
        `INSERT INTO history_news AS n (source, source_id, version, published_at, headline, summary, url, symbols, content_hash, meta)
         SELECT x.source, x.source_id, x.version, x.published_at, x.headline, x.summary, x.url,
                ARRAY(SELECT DISTINCT s FROM jsonb_array_elements_text(x.symbols) AS s ORDER BY s), x.content_hash, x.meta
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::jsonb[])
              AS x(source, source_id, version, published_at, headline, summary, url, symbols, content_hash, meta)
         ON CONFLICT (source, source_id, version) DO UPDATE SET
           published_at = EXCLUDED.published_at, headline = EXCLUDED.headline, summary = EXCLUDED.summary, url = EXCLUDED.url,
           symbols = ARRAY(SELECT DISTINCT s FROM unnest(n.symbols || EXCLUDED.symbols) AS s ORDER BY s),
           content_hash = EXCLUDED.content_hash, meta = EXCLUDED.meta
         WHERE (n.published_at, n.headline, n.summary, n.url, n.content_hash, n.meta)
               IS DISTINCT FROM (EXCLUDED.published_at, EXCLUDED.headline, EXCLUDED.summary, EXCLUDED.url, EXCLUDED.content_hash, EXCLUDED.meta)
            OR NOT (EXCLUDED.symbols <@ n.symbols)
         RETURNING (xmax = 0) AS inserted`,
        [
          batch.map((n) => n.source),
          batch.map((n) => n.sourceId),
          batch.map((n) => iso(n.version)),
          batch.map((n) => iso(n.publishedAt)),
          batch.map((n) => n.headline),
          batch.map((n) => n.summary),
          batch.map((n) => n.url),
          batch.map((n) => JSON.stringify(n.symbols)),
          batch.map((n) => n.contentHash),
          batch.map((n) => JSON.stringify(n.meta ?? {})),
        ],
      );
      total = addCounts(total, counts(batch.length, result));
    }
    return total;
  }

  /** Bars of one timeframe starting in [from, to), by symbol then time. */
  async loadBars(query: { timeframe: Timeframe; from: EpochMs; to: EpochMs; symbols?: readonly string[] }): Promise<HistoryBar[]> {
    const { rows } = await this.pool.query(
      `SELECT symbol, timeframe, t, o, h, l, c, v, vw, n, adj_close FROM history_bars
       WHERE timeframe = $1 AND t >= $2 AND t < $3 AND ($4::text[] IS NULL OR symbol = ANY($4))
       ORDER BY symbol, t`,
      [query.timeframe, iso(query.from), iso(query.to), query.symbols ? [...query.symbols] : null],
    );
    return rows.map((r) => toHistoryBar(barRowSchema.parse(r)));
  }

  /** Each symbol's first and last bar start of one timeframe in [from, to) (symbols without one are left out); one statement, index lookups only. */
  async spansOf(query: { timeframe: Timeframe; from: EpochMs; to: EpochMs; symbols: readonly string[] }): Promise<Map<string, { first: EpochMs; last: EpochMs }>> {
    const { rows } = await this.pool.query(
      `SELECT s AS symbol,
              (SELECT min(t) FROM history_bars WHERE symbol = s AND timeframe = $1 AND t >= $2 AND t < $3) AS first,
              (SELECT max(t) FROM history_bars WHERE symbol = s AND timeframe = $1 AND t >= $2 AND t < $3) AS last
       FROM unnest($4::text[]) AS s`,
      [query.timeframe, iso(query.from), iso(query.to), [...query.symbols]],
    );
    const out = new Map<string, { first: EpochMs; last: EpochMs }>();
    for (const r of rows) {
      const row = spanRowSchema.parse(r);
      if (row.first && row.last) out.set(row.symbol, { first: row.first.getTime(), last: row.last.getTime() });
    }
    return out;
  }

  /** News versions with `version` in [from, to), by version then source and id. */
  async loadNews(query: { from: EpochMs; to: EpochMs; sources?: readonly string[] }): Promise<NewsItem[]> {
    const { rows } = await this.pool.query(
      `SELECT source, source_id, version, published_at, headline, summary, url, symbols, content_hash, meta FROM history_news
       WHERE version >= $1 AND version < $2 AND ($3::text[] IS NULL OR source = ANY($3))
       ORDER BY version, source, source_id`,
      [iso(query.from), iso(query.to), query.sources ? [...query.sources] : null],
    );
    return rows.map((r) => toNewsItem(newsRowSchema.parse(r)));
  }

  /** Every stored series with its size and time span. */
  async series(): Promise<SeriesSummary[]> {
    const { rows } = await this.pool.query(
      'SELECT symbol, timeframe, count(*) AS bars, min(t) AS first, max(t) AS last FROM history_bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe',
    );
    return rows.map((r) => seriesRowSchema.parse(r));
  }
}
