import { describe, expect, it } from 'vitest';
import { readyLines, tickNarrator, type DashboardAccess } from './ready-lines.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';

const access = (password: string | null): DashboardAccess => ({
  server: { url: 'http://127.0.0.1:18080', webUrl: (fn) => `http://127.0.0.1:18080/api/v1/web/catalyst/${fn}` },
  password,
  stack: { database: 'embedded', redis: 'redis-server' },
  project: { functions: [{ id: 'coordinator/tick', web: false }, { id: 'reporting/health', web: true }] },
  simClock: 'starts at 2026-12-07T14:20:00.000Z (New York 2026-12-07), 60x real time',
});

/** A coordinator tick's firing as the trigger runner reports it, with the stages' counts in its body. */
const firing = (hhmm: string, stages: { name: string; counts: Record<string, number> }[]) => ({
  trigger: 'tick-every-minute',
  fn: 'coordinator/tick',
  at: newYorkTime('2026-12-07', hhmm),
  durationMs: 300,
  ok: true,
  result: { statusCode: 200, body: JSON.stringify({ ran: true, cycleId: 1, status: 'ok', stages: stages.map((s) => ({ ...s, ok: true, ms: 10 })) }) },
});

describe('what the console of npm start says once it runs', () => {
  it('tells_the_dashboard_address_and_how_to_log_in_with_this_runs_password', () => {
    const text = readyLines(access('pw-123'), '/tmp/x/logs/catalyst.log').join('\n');
    expect(text).toContain('Simulated clock starts at 2026-12-07T14:20:00.000Z');
    expect(text).toContain('Dashboard: http://127.0.0.1:18080/');
    expect(text).toContain('Dashboard password for this run: pw-123');
    expect(text).toMatch(/Open http:\/\/127\.0\.0\.1:18080\/ in a browser and log in with the password pw-123/);
  });

  it('points_to_the_configured_password_when_a_hash_is_set', () => {
    const text = readyLines(access(null)).join('\n');
    expect(text).not.toContain('password for this run');
    expect(text).toContain('log in with your password (DASHBOARD_PASSWORD_HASH)');
  });

  it('says_once_where_to_see_why_nothing_traded_and_once_where_to_see_why_the_first_entry_did', () => {
    const narrate = tickNarrator(() => access('pw-123'));
    const scanNoEntry: { name: string; counts: Record<string, number> }[] = [{ name: 'scan', counts: { candidates: 9 } }, { name: 'execute', counts: { intents: 0 } }];
    expect(narrate(firing('09:30', [{ name: 'reconcile', counts: {} }]))).toEqual([]);
    const none = narrate(firing('09:31', scanNoEntry));
    expect(none).toEqual([expect.stringMatching(/^No entry yet at 09:31 ET\. Why not: open http:\/\/127\.0\.0\.1:18080\/#\/candidates and log in with the password pw-123/)]);
    expect(narrate(firing('09:36', scanNoEntry))).toEqual([]);
    const entry = narrate(firing('11:56', [{ name: 'scan', counts: { candidates: 9 } }, { name: 'execute', counts: { intents: 1, sent: 1, denied: 0 } }]));
    expect(entry).toEqual([expect.stringMatching(/^First entry sent at 11:56 ET\. Why it traded: open http:\/\/127\.0\.0\.1:18080\/#\/trades/)]);
    expect(narrate(firing('12:01', [{ name: 'execute', counts: { sent: 1 } }]))).toEqual([]);
  });
});
