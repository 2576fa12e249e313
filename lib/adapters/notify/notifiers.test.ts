import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramNotifier, WebhookNotifier } from './webhook-notifier.ts';
import { RateLimitedNotifier } from './rate-limited-notifier.ts';
import { InProcessRateLimiter } from '../redis/redis-rate-limiter.ts';
import { createLogger } from '../../platform/logger.ts';
import type { Notification } from '../../ports/notifier.port.ts';

const received: { url: string; body: Record<string, unknown> }[] = [];
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(req.url?.includes('fail') ? 500 : 200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const lines: string[] = [];
const log = createLogger({ sink: (l) => lines.push(l) });
const fill: Notification = { kind: 'fill', title: 'Bought 10 ACME @ 12.34', text: 'entry on earnings beat', at: 0 };

describe('notifiers', () => {
  it('posts_slack_and_discord_compatible_json_to_the_webhook', async () => {
    await new WebhookNotifier(`${base}/hook`, log).notify(fill);
    const last = received.at(-1)!;
    expect(last.body).toMatchObject({ text: '[fill] Bought 10 ACME @ 12.34\nentry on earnings beat', content: '[fill] Bought 10 ACME @ 12.34\nentry on earnings beat' });
  });

  it('sends_telegram_messages_to_the_chat_without_logging_the_token', async () => {
    await new TelegramNotifier('123:SECRETTOKEN', '42', log, fetch, base).notify(fill);
    expect(received.at(-1)).toMatchObject({ url: '/bot123:SECRETTOKEN/sendMessage', body: { chat_id: '42' } });
    await new TelegramNotifier('123:SECRETTOKEN', '42', log, fetch, 'http://127.0.0.1:9').notify(fill);
    expect(lines.join('\n')).not.toContain('SECRETTOKEN');
  });

  it('logs_a_refusal_and_never_throws', async () => {
    await expect(new WebhookNotifier(`${base}/fail`, log).notify(fill)).resolves.toBeUndefined();
    expect(lines.some((l) => l.includes('webhook notification refused'))).toBe(true);
  });

  it('rate_limits_routine_messages_but_always_sends_halts', async () => {
    const before = received.length;
    const limited = new RateLimitedNotifier([new WebhookNotifier(`${base}/hook`, log)], new InProcessRateLimiter({ now: () => 0 }), log, 3);
    for (let i = 0; i < 6; i++) await limited.notify(fill);
    await limited.notify({ kind: 'halt', title: 'Daily loss limit', text: 'halted until the next session', at: 0 });
    const sent = received.slice(before).map((r) => String(r.body.text).split(' ')[0]);
    expect(sent).toEqual(['[fill]', '[fill]', '[fill]', '[HALT]']);
  });
});
