import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { fastPool } from './fault-world.ts';

/**
 * A campaign over a fresh test database for the enclosing describe block: the database, its fast pool and
 * the campaign are made before the block's tests and the pool and database dropped after them.
 */
export function campaignOnFreshDb<C>(build: (pool: pg.Pool) => C): () => C {
  let db: TestDb;
  let pool: pg.Pool;
  let campaign: C;
  beforeAll(async () => {
    db = await createTestDb();
    pool = fastPool(db);
    campaign = build(pool);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });
  return () => campaign;
}
