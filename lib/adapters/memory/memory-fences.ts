import { AppError } from '../../shared/errors.ts';
import type { FenceTokens } from '../../ports/lock.port.ts';

/**
 * The in-memory `fences` table: one per in-memory world, shared by every store of that world (and the lock's
 * token source), as every Postgres store shares the one table. Same rules as postgres/fence.ts.
 */
export class MemoryFences implements FenceTokens {
  private readonly rows = new Map<string, { token: number; issued: number }>();

  /** Throws LOCK_LOST (as Postgres does) when `token` is older than the last writer's; writes nothing. */
  check(token: number | null, name = 'tick'): void {
    if (token === null) return;
    const row = this.rows.get(name);
    if (row && row.token > token) throw new AppError('LOCK_LOST', `${name} lock lost: fencing token ${token} is older than the last writer's`);
  }

  /** Moves the fence forward to `token`; call after `check` once the write it guards has been applied. */
  advance(token: number | null, name = 'tick'): void {
    if (token === null) return;
    this.check(token, name);
    const row = this.rows.get(name);
    if (row) row.token = token;
    else this.rows.set(name, { token, issued: 0 });
  }

  /** The next token for `name`: above every token issued or written before. */
  async next(name: string): Promise<number> {
    const row = this.rows.get(name);
    if (!row) {
      this.rows.set(name, { token: 0, issued: 1 });
      return 1;
    }
    row.issued = Math.max(row.issued, row.token) + 1;
    return row.issued;
  }
}
