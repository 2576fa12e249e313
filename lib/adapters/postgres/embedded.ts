import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';

/** Fails at once, naming the folder and the reason, when the data folder cannot be created or written (PGlite would hang). */
async function ensureWritable(dataDir: string): Promise<void> {
  const probe = path.join(dataDir, `.write-test-${process.pid}`);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    const reason = { EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system', ENOTDIR: 'a part of the path is a file', ENOSPC: 'no space left', EEXIST: 'a file is in the way' }[code] ?? code;
    throw new AppError('CONFIG_INVALID', `LOCAL_DATA_DIR: cannot write the embedded database folder ${dataDir}: ${reason} (${code}). Choose a writable folder or fix its permissions.`);
  }
}

/** A running embedded Postgres (PGlite behind a Postgres wire-protocol socket). */
export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` and serves it on 127.0.0.1 so the same `pg` code runs against it. PGlite is
 * one database session: use a pool of exactly one connection against it.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  await ensureWritable(dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 2 });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres?sslmode=disable`,
    dataDir,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
