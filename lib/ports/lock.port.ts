/** A held lock: its fencing token grows with every acquisition, so a holder that lost it can be refused. */
export interface LockLease {
  name: string;
  /** Monotonic fencing token: writes carry it and are refused when a newer holder has written. */
  token: number;
  /**
   * Extends the lease; one that lapsed while no one else took the lock is taken back under the same token.
   * False when another holder has it (then this one must stop writing; fencing refuses it anyway).
   */
  extend(ttlMs: number): Promise<boolean>;
  /** Releases the lease if still held; false when it had already been lost. */
  release(): Promise<boolean>;
}

/** A distributed lock (Redis in production): one coordinator tick at a time. */
export interface Lock {
  /** Takes the lock for `ttlMs`, or returns null when someone else holds it. */
  acquire(name: string, ttlMs: number): Promise<LockLease | null>;
}

/**
 * Where fencing tokens come from: a store that survives the loss of the lock's own store (Postgres), so a
 * flushed Redis cannot hand out a token older than the last writer's.
 */
export interface FenceTokens {
  /** The next token for `name`: greater than every token issued or written before. */
  next(name: string): Promise<number>;
}
