import type { Clock } from '../../ports/clock.port.ts';
import type { FenceTokens, Lock, LockLease } from '../../ports/lock.port.ts';

interface Held {
  token: number;
  expiresAt: number;
}

/**
 * The lock in memory (redis/redis-lock.ts): leases expire on the injected clock; tokens come from `tokens`
 * (MemoryFences in a memory world), taken before the lease is set, as the Redis lock takes them.
 */
export class MemoryLock implements Lock {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly clock: Clock,
    private readonly tokens: FenceTokens,
  ) {}

  async acquire(name: string, ttlMs: number): Promise<LockLease | null> {
    if (this.holder(name)) return null;
    const token = await this.tokens.next(name);
    // Another acquire may have won while the token was being issued (SET NX decides in Redis).
    if (this.holder(name)) return null;
    this.held.set(name, { token, expiresAt: this.clock.now() + leaseMs(ttlMs) });
    return new MemoryLease(this, name, token);
  }

  /** Extends `token`'s lease unless another holder has the lock (a lapsed, untaken lease is taken back). */
  extendLease(name: string, token: number, ms: number): boolean {
    const h = this.holder(name);
    if (h && h.token !== token) return false;
    // Lapsed and not taken: taken back under the same token (fencing still orders the writers).
    this.held.set(name, { token, expiresAt: this.clock.now() + leaseMs(ms) });
    return true;
  }

  /** Releases `token`'s lease if it still holds the lock. */
  releaseLease(name: string, token: number): boolean {
    if (this.holder(name)?.token !== token) return false;
    this.held.delete(name);
    return true;
  }

  private holder(name: string): Held | undefined {
    const h = this.held.get(name);
    if (h && h.expiresAt <= this.clock.now()) {
      this.held.delete(name);
      return undefined;
    }
    return h;
  }
}

// A class, not a pair of closures per acquisition: a backtest takes the lock on every tick.
class MemoryLease implements LockLease {
  constructor(
    private readonly lock: MemoryLock,
    readonly name: string,
    readonly token: number,
  ) {}

  async extend(ms: number): Promise<boolean> {
    return this.lock.extendLease(this.name, this.token, ms);
  }

  async release(): Promise<boolean> {
    return this.lock.releaseLease(this.name, this.token);
  }
}

// PX takes whole milliseconds, at least one.
const leaseMs = (ms: number) => Math.max(1, Math.round(ms));
