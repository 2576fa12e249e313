import type pg from 'pg';
import { AppError } from '../../shared/errors.ts';
import type { FenceTokens } from '../../ports/lock.port.ts';

/**
 * Fencing: moves `fences.<name>` forward to the writer's token inside its transaction; a writer whose token
 * is older than the stored one lost its lock to a newer tick and is refused (LOCK_LOST).
 */
export async function fence(c: pg.PoolClient, token: number | null, name = 'tick'): Promise<void> {
  if (token === null) return;
  const { rows } = await c.query<{ token: string }>(
    `INSERT INTO fences (name, token) VALUES ($2, $1)
     ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token WHERE fences.token <= EXCLUDED.token
     RETURNING token`,
    [token, name],
  );
  if (rows.length === 0) throw new AppError('LOCK_LOST', `${name} lock lost: fencing token ${token} is older than the last writer's`);
}

/**
 * Fencing tokens issued by Postgres in one atomic statement: always above every token issued or written
 * before, so they survive the loss of anything kept in Redis.
 */
export class PgFenceTokens implements FenceTokens {
  constructor(private readonly pool: pg.Pool) {}

  async next(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ issued: string }>(
      `INSERT INTO fences (name, token, issued) VALUES ($1, 0, 1)
       ON CONFLICT (name) DO UPDATE SET issued = GREATEST(fences.issued, fences.token) + 1
       RETURNING issued`,
      [name],
    );
    return Number(rows[0]!.issued);
  }
}
