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
  let lost = false;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || lost) return;
    busy = true;
    lease
      .extend(leaseMs)
      .then(
        (held) => {
          if (!held) {
            lost = true;
            clearInterval(timer);
            log.warn('tick lock lease lost', { lock: lease.name, token: lease.token });
          }
        },
        (e: unknown) => log.warn('could not renew the tick lock lease', { lock: lease.name, error: e }),
      )
      .finally(() => (busy = false));
  }, Math.max(1, Math.floor(leaseMs / 3)));
  // A renewal timer must never keep a finished process alive.
  timer.unref?.();
  return { lost: () => lost, stop: () => clearInterval(timer) };
}
