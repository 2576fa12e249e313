import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Asset } from '../lib/domain/market.ts';
import type { IsoDate } from '../lib/domain/time.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { startEmbeddedPostgres } from '../lib/adapters/postgres/embedded.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { loadHistoryAssets } from '../lib/adapters/replay/download/history-assets.repo.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { recordSyntheticHistory } from '../lib/adapters/replay/synthetic-history.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';

/** Where a study reads its history from, and how to let go of it. */
export interface StudyHistory {
  repo: PgHistoryRepo;
  pool: pg.Pool;
  /** The connection string of the database holding the history (a scratch schema's, for --synthetic). */
  url: string;
  assets?: readonly Asset[];
  /** The synthetic market's quoted spreads (known, so not modelled). */
  spreadBps?: Record<string, number>;
  close(): Promise<void>;
}

export interface SyntheticSettings {
  seed: number;
  symbols: number;
  newsRate: number;
}

/**
 * The history in DATABASE_URL, or with `synthetic` the synthetic market recorded for the window into a
 * scratch schema of DATABASE_URL (dropped on close) or, without DATABASE_URL, into embedded Postgres in a
 * temporary folder.
 */
export async function openStudyHistory(options: { databaseUrl: string | undefined; synthetic: SyntheticSettings | null; from: IsoDate; to: IsoDate; say: (line: string) => void }): Promise<StudyHistory> {
  const { databaseUrl, synthetic, say } = options;
  if (!synthetic) {
    if (!databaseUrl) throw new Error('A study reads the history stored in DATABASE_URL (npm run import:history or history:download). Set DATABASE_URL, or add --synthetic to study the synthetic market.');
    const pool = createPool({ url: databaseUrl, max: 2, applicationName: 'catalyst-study' });
    // Asset records stored by history:download (names, for linking text to tickers); none after a bare import.
    const assets = await loadHistoryAssets(pool).catch(() => []);
    return { repo: new PgHistoryRepo(pool), pool, url: databaseUrl, ...(assets.length ? { assets } : {}), close: () => pool.end() };
  }
  const cleanups: (() => Promise<void>)[] = [];
  let url: string;
  let pool: pg.Pool;
  if (databaseUrl) {
    const schema = `study_${randomBytes(4).toString('hex')}`;
    const admin = createPool({ url: databaseUrl, max: 1, applicationName: 'catalyst-study' });
    await admin.query(`CREATE SCHEMA ${schema}`);
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`).finally(() => admin.end());
    });
    const scoped = new URL(databaseUrl);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    url = scoped.toString();
    pool = createPool({ url, max: 2, applicationName: 'catalyst-study' });
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-study-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const embedded = await startEmbeddedPostgres(path.join(dir, 'pglite'));
    cleanups.push(embedded.stop);
    url = embedded.url;
    pool = createPool({ url, max: 1, applicationName: 'catalyst-study' });
  }
  cleanups.push(() => pool.end());
  const close = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    await migrate(pool, await readMigrations(MIGRATIONS_DIR));
    const repo = new PgHistoryRepo(pool);
    const market = createSyntheticMarket({ seed: synthetic.seed, start: addDays(options.from, -70), symbols: synthetic.symbols, crypto: false, newsRate: synthetic.newsRate });
    say(`Recording the synthetic market (seed ${synthetic.seed}, ${synthetic.symbols} symbols) as history ...`);
    const recorded = await recordSyntheticHistory(repo, market, { from: options.from, to: options.to }, (l) => say(`  ${l}`));
    return { repo, pool, url, assets: recorded.assets, spreadBps: recorded.spreadBps, close };
  } catch (e) {
    await close();
    throw e;
  }
}
