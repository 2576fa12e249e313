import net from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebSystem, leaksIn, type WebSystem } from './support/web-system.ts';

/** A raw HTTP/1.1 exchange on one keep-alive connection: what came back, and whether the socket was reset. */
function rawExchange(port: number, request: Buffer): Promise<{ head: string; reset: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    let reset = false;
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') reset = true;
    });
    socket.on('close', () => resolve({ head: data.split('\r\n\r\n')[0] ?? '', reset }));
    socket.write(request);
  });
}

describe('hostile input to the web functions and the invoke API (real Postgres and Redis)', () => {
  let sys: WebSystem;
  let access = '';
  const web = (fn: string, init: RequestInit = {}) => fetch(sys.server.webUrl(fn), init);
  const authed = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${access}`, ...extra });

  beforeAll(async () => {
    sys = await startWebSystem();
    access = (await sys.login()).accessToken;
  }, 60_000);
  afterAll(async () => sys?.close());

  it('a_signed_token_with_a_null_body_or_extra_segments_is_a_401_on_every_protected_function', async () => {
    const body = Buffer.from('null').toString('base64url');
    const nullToken = `${body}.${createHmac('sha256', sys.env.AUTH_TOKEN_SECRET!).update(body).digest('base64url')}`;
    const protectedFns = sys.functions.filter((f) => f.web !== false && !['reporting/auth', 'reporting/health', 'reporting/metrics'].includes(f.id));
    expect(protectedFns.length).toBeGreaterThan(8);
    for (const f of protectedFns) {
      for (const token of [nullToken, `${access}.garbage`]) {
        const method = f.id === 'trading/control' ? 'POST' : 'GET';
        const res = await web(f.id, { method, headers: { authorization: `Bearer ${token}` } });
        expect(res.status, `${f.id} with ${token.slice(0, 12)}`).toBe(401);
      }
    }
  });

  it('metrics_requires_the_bearer_scheme', async () => {
    expect((await web('reporting/metrics', { headers: { authorization: sys.env.METRICS_TOKEN! } })).status).toBe(401);
    expect((await web('reporting/metrics', { headers: { authorization: `Bearer ${sys.env.METRICS_TOKEN}` } })).status).toBe(200);
  });

  it('trades_refuses_instants_no_date_can_hold_with_a_400_naming_the_field', async () => {
    for (const q of ['from=8640000000000000', 'from=8640000000000001', 'to=9e15', 'beforeId=1e19']) {
      const res = await web(`reporting/trades?${q}`, { headers: authed() });
      const text = await res.text();
      expect(res.status, `${q}: ${text}`).toBe(400);
      expect(text).toContain(q.split('=')[0]);
    }
    expect((await web(`reporting/trades?from=${Date.UTC(9999, 11, 31)}`, { headers: authed() })).status).toBe(200);
    expect((await web('reporting/audit?tradeId=99999999999999999999', { headers: authed() })).status).toBe(400);
  });

  it('a_body_that_is_not_json_is_a_400_that_says_so', async () => {
    for (const [type, body] of [['application/json', '{"action":"halt",'], ['text/plain', 'halt please'], ['application/json', '[1,2]']]) {
      const res = await web('trading/control', { method: 'POST', headers: authed({ 'content-type': type! }), body });
      const text = await res.text();
      expect(res.status, `${type} ${body}: ${text}`).toBe(400);
      expect(text).toMatch(/body (is not valid JSON|must be a JSON object)/);
    }
  });

  it('the_local_runtime_answers_4xx_to_a_malformed_path_escape_and_a_malformed_invoke_body', async () => {
    const bad = await fetch(`${sys.server.url}/%E0%A4%A`);
    expect(bad.status).toBe(400);
    for (const body of ['{"cycleId":', 'not json', '[]', '7']) {
      const res = await sys.invoke('trading/reconcile', body);
      expect(res.status, body).toBe(400);
      expect(await res.text()).toMatch(/malformed/);
    }
  });

  it('answers_413_and_closes_cleanly_instead_of_resetting_a_keep_alive_connection', async () => {
    const size = 2 * 1024 * 1024;
    const port = Number(new URL(sys.server.url).port);
    const head = `POST /api/v1/web/catalyst/reporting/auth HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
    const { head: answer, reset } = await rawExchange(port, Buffer.concat([Buffer.from(head), Buffer.alloc(size, 0x20)]));
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(reset).toBe(false);
  });

  it('worker_arguments_refuse_a_fractional_or_huge_fence_and_a_cycle_that_does_not_exist', async () => {
    for (const fence of [1.5, 1e300, -1, 2 ** 63, 2 ** 53, 0]) {
      for (const fn of ['trading/reconcile', 'news/collect']) {
        const res = await sys.invoke(fn, JSON.stringify({ fence }));
        const body = await res.text();
        expect(res.status, body).toBe(200);
        const out = JSON.parse(body) as { statusCode: number; body: unknown };
        expect(out.statusCode, `${fn} fence ${fence}`).toBe(400);
        expect(JSON.stringify(out.body)).toContain('fence');
        expect(JSON.stringify(out.body)).toContain('expected a whole number from 1 to 9007199254740991');
      }
    }
    const before = await sys.db.pool.query(`SELECT (SELECT count(*) FROM candidates) + (SELECT count(*) FROM signals) AS n`);
    for (const [fn, args] of [
      ['scanner/scan', { mode: 'scan', cycleId: 987654 }],
      ['technical/signals', { cycleId: 987654, symbols: ['AAPL'] }],
      ['trading/execute', { cycleId: 987654, mode: 'entries' }],
    ] as const) {
      const res = await sys.invoke(fn, JSON.stringify(args));
      const out = JSON.parse(await res.text()) as { statusCode: number; body: string };
      expect(out.statusCode, `${fn}: ${out.body}`).toBe(404);
      expect(out.body).toContain('987654');
    }
    const after = await sys.db.pool.query(`SELECT (SELECT count(*) FROM candidates) + (SELECT count(*) FROM signals) AS n`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('no_answer_above_leaks_a_secret_a_stack_sql_or_a_path', async () => {
    const res = await web('reporting/trades?from=1e400', { headers: authed() });
    expect(leaksIn(await res.text(), sys.secrets)).toEqual([]);
  });
});
