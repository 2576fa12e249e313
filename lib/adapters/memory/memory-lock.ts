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
    return {
      name,
      token,
      extend: async (ms) => {
        const h = this.holder(name);
        if (h && h.token !== token) return false;
        // Lapsed and not taken: taken back under the same token (fencing still orders the writers).
        this.held.set(name, { token, expiresAt: this.clock.now() + leaseMs(ms) });
        return true;
      },
      release: async () => {
        if (this.holder(name)?.token !== token) return false;
        this.held.delete(name);
        return true;
      },
    };
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

// PX takes whole milliseconds, at least one.
const leaseMs = (ms: number) => Math.max(1, Math.round(ms));
