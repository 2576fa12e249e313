import type { Notification, Notifier } from '../../ports/notifier.port.ts';
import type { RateLimiter } from '../../ports/rate-limiter.port.ts';
import type { Logger } from '../../platform/logger.ts';

/**
 * Sends to every channel within a shared budget (default 20 a minute), so a storm of errors cannot flood a
 * chat; halts and the dead man's switch always go through.
 */
export class RateLimitedNotifier implements Notifier {
  constructor(
    private readonly channels: readonly Notifier[],
    private readonly limiter: RateLimiter,
    private readonly log: Logger,
    private readonly perMinute = 20,
  ) {}

  async notify(n: Notification): Promise<void> {
    if (this.channels.length === 0) return;
    const urgent = n.kind === 'halt' || n.kind === 'dead_man';
    if (!urgent) {
      const take = await this.limiter
        .take('notifications', { capacity: this.perMinute, refillPerSecond: this.perMinute / 60 })
        .catch(() => ({ allowed: true }));
      if (!take.allowed) {
        this.log.info('notification dropped by the rate limit', { kind: n.kind, title: n.title });
        return;
      }
    }
    await Promise.all(this.channels.map((c) => c.notify(n)));
  }
}
