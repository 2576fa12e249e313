import type { Notifier } from '../ports/notifier.port.ts';
import type { Runtime } from './runtime.ts';
import { WebhookNotifier, TelegramNotifier } from '../adapters/notify/webhook-notifier.ts';
import { RateLimitedNotifier } from '../adapters/notify/rate-limited-notifier.ts';
import { registerSecrets } from '../platform/logger.ts';
import type { RateLimiter } from '../ports/rate-limiter.port.ts';

/** The configured channels (webhook, Telegram) behind one rate limit; none configured = silent. */
export function buildNotifier(rt: Runtime, limiter: RateLimiter): Notifier {
  const env = rt.env;
  const log = rt.logger;
  const channels: Notifier[] = [];
  if (env.NOTIFY_WEBHOOK_URL) {
    registerSecrets([new URL(env.NOTIFY_WEBHOOK_URL).pathname]);
    channels.push(new WebhookNotifier(env.NOTIFY_WEBHOOK_URL, log));
  }
  if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_CHAT_ID) {
    registerSecrets([env.TELEGRAM_BOT_TOKEN]);
    channels.push(new TelegramNotifier(env.TELEGRAM_BOT_TOKEN, env.TELEGRAM_CHAT_ID, log));
  }
  return new RateLimitedNotifier(channels, limiter, log, env.NOTIFY_PER_MINUTE);
}
