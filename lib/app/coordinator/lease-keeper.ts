import type { LockLease } from '../../ports/lock.port.ts';
import type { Logger } from '../../platform/logger.ts';

export interface LeaseKeeper {
  /** True once a renewal found the lease taken or expired: the holder must stop writing. */
  lost(): boolean;
  stop(): void;
}

/**
 * Renews `lease` for `leaseMs` every third of that while the work runs, so the lock lasts as long as its
 * holder is alive and frees within one lease after a crash. Renewal is compare-and-set on the fencing token:
 * once it answers "not yours", the lease is lost for good. A renewal that errors (Redis unreachable) is
 * tried again on the next beat; fencing in Postgres still refuses a holder that was overtaken.
 */
export function keepLease(lease: LockLease, leaseMs: number, log: Logger): LeaseKeeper {
  return new IntervalLeaseKeeper(lease, leaseMs, log);
}

// A class whose timer calls a module function with it (no closures per tick: a backtest keeps one lease a tick).
class IntervalLeaseKeeper implements LeaseKeeper {
  isLost = false;
  busy = false;
  readonly timer: NodeJS.Timeout;

  constructor(
    readonly lease: LockLease,
    readonly leaseMs: number,
    readonly log: Logger,
  ) {
    this.timer = setInterval(renew, Math.max(1, Math.floor(leaseMs / 3)), this);
    // A renewal timer must never keep a finished process alive.
    this.timer.unref?.();
  }

  lost(): boolean {
    return this.isLost;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function renew(k: IntervalLeaseKeeper): void {
  if (k.busy || k.isLost) return;
  k.busy = true;
  k.lease
    .extend(k.leaseMs)
    .then(
      (held) => {
        if (!held) {
          k.isLost = true;
          clearInterval(k.timer);
          k.log.warn('tick lock lease lost', { lock: k.lease.name, token: k.lease.token });
        }
      },
      (e: unknown) => k.log.warn('could not renew the tick lock lease', { lock: k.lease.name, error: e }),
    )
    .finally(() => (k.busy = false));
}
