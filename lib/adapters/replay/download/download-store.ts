import type pg from 'pg';
import type { EpochMs } from '../../../domain/time.ts';
import type { NewsItem } from '../../../domain/news.ts';
import { insertBars, isUniqueViolation, type BarBatch } from './insert-bars.ts';

/** A finished unit of download work (see db/migrations/0085_history_download.sql). */
export interface Checkpoint {
  dataset: 'bars' | 'news';
  symbol: string;
  timeframe: string;
  feed: string;
  adjustment: string;
  from: EpochMs;
  to: EpochMs;
  rows: number;
}

/** The identity of a checkpoint, as a string (everything but the row count). */
export function checkpointKey(c: Omit<Checkpoint, 'rows'>): string {
  return [c.dataset, c.symbol, c.timeframe, c.feed, c.adjustment, c.from, c.to].join('|');
}


const iso = (t: EpochMs) => new Date(t).toISOString();

/**
 * Postgres side of the history download: bars and news versions into the history tables the backtest
 * reads, and the checkpoints of finished units. A page of bars is one insert (columns as binary arrays
 * through `unnest`, see insert-bars.ts); a unit's last page and its checkpoints are one transaction, so a run killed
 * at any line has either finished a unit or will redo it, and redoing stores nothing twice.
 */
export class PgDownloadStore {
  constructor(private readonly pool: pg.Pool) {}

  /** The keys of every finished unit among `dataset` checkpoints overlapping [from, to). */
  async finished(dataset: Checkpoint['dataset'], from: EpochMs, to: EpochMs): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ symbol: string; timeframe: string; feed: string; adjustment: string; range_from: Date; range_to: Date }>(
      `SELECT symbol, timeframe, feed, adjustment, range_from, range_to FROM history_download_checkpoints
       WHERE dataset = $1 AND range_from < $3 AND range_to > $2`,
      [dataset, iso(from), iso(to)],
    );
    return new Set(rows.map((r) => checkpointKey({ dataset, symbol: r.symbol, timeframe: r.timeframe, feed: r.feed, adjustment: r.adjustment, from: r.range_from.getTime(), to: r.range_to.getTime() })));
  }

  /** Stores a page of bars (and, on a unit's last page, its checkpoints in the same transaction); returns the rows new or changed. */
  async storeBars(batch: BarBatch, done: readonly Checkpoint[] = []): Promise<number> {
    try {
      return await this.inTransaction(done, (client) => insertBars(client, batch));
    } catch (e) {
      // Another writer stored some of these bars between the page's check and its insert: redo the page
      // comparing bar by bar.
      if (!isUniqueViolation(e)) throw e;
      return this.inTransaction(done, (client) => insertBars(client, batch, { compare: true }));
    }
  }

  /** Stores news versions (a version already stored is kept as it was known) and checkpoints; returns the versions new. */
  async storeNews(items: readonly NewsItem[], done: readonly Checkpoint[] = []): Promise<number> {
    return this.inTransaction(done, (client) => insertNews(client, items));
  }

  private async inTransaction(done: readonly Checkpoint[], write: (c: pg.PoolClient) => Promise<number>): Promise<number> {
    const client = await this.pool.connect();
    try {
      // A crash may lose the last commits of a bulk load, never half of one: a lost page and its checkpoint
      // go together, and the next run redoes them. So the commit need not wait for the WAL flush.
      await client.query('BEGIN; SET LOCAL synchronous_commit = off');
      const n = await write(client);
      if (done.length) await insertCheckpoints(client, done);
      await client.query('COMMIT');
      return n;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}

async function insertNews(client: pg.ClientBase, items: readonly NewsItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const { rows } = await client.query<{ n: number }>(
    `WITH w AS (
       INSERT INTO history_news (source, source_id, version, published_at, headline, summary, url, symbols, content_hash, meta)
       SELECT x.source, x.source_id, x.version, x.published_at, x.headline, x.summary, x.url,
              ARRAY(SELECT DISTINCT s FROM jsonb_array_elements_text(x.symbols) AS s ORDER BY s), x.content_hash, x.meta
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::jsonb[])
            AS x(source, source_id, version, published_at, headline, summary, url, symbols, content_hash, meta)
       ON CONFLICT (source, source_id, version) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM w`,
    [
      items.map((n) => n.source),
      items.map((n) => n.sourceId),
      items.map((n) => iso(n.version)),
      items.map((n) => iso(n.publishedAt)),
      items.map((n) => n.headline),
      items.map((n) => n.summary),
      items.map((n) => n.url),
      items.map((n) => JSON.stringify(n.symbols)),
      items.map((n) => n.contentHash),
      items.map((n) => JSON.stringify(n.meta ?? {})),
    ],
  );
  return rows[0]!.n;
}

async function insertCheckpoints(client: pg.ClientBase, done: readonly Checkpoint[]): Promise<void> {
  await client.query(
    `INSERT INTO history_download_checkpoints (dataset, symbol, timeframe, feed, adjustment, range_from, range_to, rows_stored, completed_at)
     SELECT x.*, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::bigint[])
          AS x(dataset, symbol, timeframe, feed, adjustment, range_from, range_to, rows_stored)
     ON CONFLICT DO NOTHING`,
    [
      done.map((c) => c.dataset),
      done.map((c) => c.symbol),
      done.map((c) => c.timeframe),
      done.map((c) => c.feed),
      done.map((c) => c.adjustment),
      done.map((c) => iso(c.from)),
      done.map((c) => iso(c.to)),
      done.map((c) => c.rows),
    ],
  );
}
