import { AppError } from '../../shared/errors.ts';
import type { FenceTokens } from '../../ports/lock.port.ts';

/**
 * The fences table in memory, shared by every memory store that writes under the tick's lock (cycles,
 * trading) and by the lock's token source, exactly as they share `fences` in Postgres (postgres/fence.ts).
 */
export class MemoryFences implements FenceTokens {
  private readonly written = new Map<string, number>();
  private readonly issued = new Map<string, number>();
  // The fence passed last (only pass writes `written`, so it still holds exactly this token).
  private lastName: string | null = null;
  private lastToken = Number.NaN;

  /** Moves the fence forward to `token`; LOCK_LOST when a newer token already wrote. Null writes unfenced. */
  pass(token: number | null, name = 'tick'): void {
    if (token === null) return;
    // A tick passes its fence on every write (start, each stage, finish): the same fence again is already passed.
    if (token === this.lastToken && name === this.lastName) return;
    const last = this.written.get(name);
    if (last !== undefined && last > token) throw new AppError('LOCK_LOST', `${name} lock lost: fencing token ${token} is older than the last writer's`);
    this.written.set(name, token);
    this.lastName = name;
    this.lastToken = token;
  }

  /** The next token for `name`: above every token issued or written before. */
  async next(name: string): Promise<number> {
    const token = Math.max(this.issued.get(name) ?? 0, this.written.get(name) ?? 0) + 1;
    this.issued.set(name, token);
    return token;
  }
}
