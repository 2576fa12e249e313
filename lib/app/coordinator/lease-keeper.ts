import type { LockLease } from '../../ports/lock.port.ts';
import type { Logger } from '../../platform/logger.ts';

export interface LeaseKeeper {
  /** True once a renewal found the lease taken or expired: the holder must stop writing. */
  lost(): boolean;
  stop(): void;
}

/**
 * Renews the leases it keeps, each for its `leaseMs`, at least every third of that while the work runs, so the
 * lock lasts as long as its holder is alive and frees within one lease after a crash. Renewal is compare-and-set
 * on the fencing token: once it answers "not yours", the lease is lost for good. A renewal that errors (Redis
 * unreachable) is tried again on the next beat; fencing in Postgres still refuses a holder that was overtaken.
 *
 * One interval timer beats for every lease kept, created when a lease is kept with none running and cleared by
 * the first beat that finds nothing kept: a backtest ticks thousands of times a second, and a timer created and
 * cleared per tick cost more than the rest of the lock. A lease kept between two beats is first renewed within
 * one beat (a third of its lease), never later than a timer of its own would have.
 */
export class LeaseKeepers {
  // Usually one lease (the tick's): a list, removed from by swapping the last in (a Set's add and delete cost more).
  readonly kept: KeptLease[] = [];
  timer: NodeJS.Timeout | null = null;
  beatMs = 0;

  constructor(readonly log: Logger) {}

  /** Starts renewing `lease` for `leaseMs` at a time until the keeper is stopped or the lease is lost. */
  keep(lease: LockLease, leaseMs: number): LeaseKeeper {
    const kept = new KeptLease(this, lease, leaseMs);
    const beatMs = Math.max(1, Math.floor(leaseMs / 3));
    // A shorter lease than the running beat was set for needs a faster beat (the others renew more often).
    if (this.timer !== null && beatMs < this.beatMs) this.idle();
    if (this.timer === null) {
      this.timer = setInterval(beat, beatMs, this);
      this.beatMs = beatMs;
      // A renewal timer must never keep a finished process alive.
      this.timer.unref?.();
    }
    this.kept.push(kept);
    return kept;
  }

  idle(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

// A class, and module functions for the timer (no closures per tick: a backtest keeps one lease a tick).
class KeptLease implements LeaseKeeper {
  isLost = false;
  busy = false;

  constructor(
    readonly keepers: LeaseKeepers,
    readonly lease: LockLease,
    readonly leaseMs: number,
  ) {}

  lost(): boolean {
    return this.isLost;
  }

  stop(): void {
    const kept = this.keepers.kept;
    const i = kept.indexOf(this);
    if (i < 0) return;
    kept[i] = kept[kept.length - 1]!;
    kept.pop();
  }
}

function beat(keepers: LeaseKeepers): void {
  if (keepers.kept.length === 0) return keepers.idle();
  // A copy: a renewal that finds its lease lost takes it off the list.
  for (const k of [...keepers.kept]) renew(k);
}

function renew(k: KeptLease): void {
  if (k.busy || k.isLost) return;
  k.busy = true;
  k.lease
    .extend(k.leaseMs)
    .then(
      (held) => {
        if (!held) {
          k.isLost = true;
          k.stop();
          k.keepers.log.warn('tick lock lease lost', { lock: k.lease.name, token: k.lease.token });
        }
      },
      (e: unknown) => k.keepers.log.warn('could not renew the tick lock lease', { lock: k.lease.name, error: e }),
    )
    .finally(() => (k.busy = false));
}
