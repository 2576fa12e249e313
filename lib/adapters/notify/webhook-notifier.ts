import type { Notification, Notifier } from '../../ports/notifier.port.ts';
import type { Logger } from '../../platform/logger.ts';

/** Formats a notification as one line of text with a kind marker. */
export function formatNotification(n: Notification): string {
  const mark: Record<Notification['kind'], string> = {
    fill: '[fill]', exit: '[exit]', halt: '[HALT]', error: '[error]', daily_report: '[report]', dead_man: '[DEAD MAN]', operator: '[operator]',
  };
  return `${mark[n.kind]} ${n.title}\n${n.text}`;
}

/**
 * A webhook that Slack and Discord both accept: `text` (Slack incoming webhooks) and `content` (Discord)
 * carry the same message.
 */
export class WebhookNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async notify(n: Notification): Promise<void> {
    const text = formatNotification(n).slice(0, 1900); // Discord refuses content over 2,000 characters
    try {
      const res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, content: text, username: 'Catalyst' }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) this.log.warn('webhook notification refused', { status: res.status, kind: n.kind });
    } catch (e) {
      this.log.warn('webhook notification failed', { kind: n.kind, error: e });
    }
  }
}

/** Telegram's Bot API `sendMessage`. */
export class TelegramNotifier implements Notifier {
  constructor(
    private readonly botToken: string,
    private readonly chatId: string,
    private readonly log: Logger,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly apiBase = 'https://api.telegram.org',
  ) {}

  async notify(n: Notification): Promise<void> {
    try {
      const res = await this.fetchFn(`${this.apiBase}/bot${this.botToken}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: this.chatId, text: formatNotification(n).slice(0, 4000), disable_web_page_preview: true }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) this.log.warn('telegram notification refused', { status: res.status, kind: n.kind });
    } catch (e) {
      // The token is part of the URL: log the error's class only.
      this.log.warn('telegram notification failed', { kind: n.kind, error: e instanceof Error ? e.name : 'unknown' });
    }
  }
}
