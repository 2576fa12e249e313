import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntimeServer, type RuntimeServer } from './web-server.ts';
import type { LoadedFunction, MainFn } from './function-registry.ts';
import type { FunctionSpec } from './project-spec.ts';
import { startTriggers } from './trigger-runner.ts';
import { createScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { OpenWhiskInvoker } from '../lib/adapters/invoke/openwhisk-invoker.ts';

function fn(id: string, web: FunctionSpec['web'], main: MainFn, extra: Partial<FunctionSpec> = {}): LoadedFunction {
  const [pkg, name] = id.split('/') as [string, string];
  return {
    spec: { package: pkg, name, id, runtime: 'nodejs:22', main: 'main', web, webSecure: false, limits: { timeout: 2000, memory: 256 }, environment: {}, triggers: [], ...extra },
    main,
  };
}

const seen: { args: unknown; ctx: unknown }[] = [];
const echo: MainFn = async (args, ctx) => {
  seen.push({ args, ctx });
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args }) };
};

describe('local runtime web server', () => {
  let server: RuntimeServer;
  const apiKey = 'uuid-1:key-1';
  beforeAll(async () => {
    const functions = new Map(
      [
        fn('reporting/echo', true, echo),
        fn('reporting/raw', 'raw', echo),
        fn('trading/control', true, echo, { webSecure: 's3cret-value' }),
        fn('news/collect', false, async (args) => ({ collected: args })),
        fn('reporting/slow', true, () => new Promise((r) => setTimeout(() => r({ statusCode: 200, body: 'late' }), 3000)), {
          limits: { timeout: 100, memory: 128 },
        }),
      ].map((f) => [f.spec.id, f]),
    );
    server = await startRuntimeServer({ namespace: 'ns', functions, apiKey });
  });
  afterAll(() => server.close());

  it('serves_web_functions_at_the_digitalocean_url_with_platform_args', async () => {
    const res = await fetch(`${server.webUrl('reporting/echo')}/extra/path?symbol=AAPL`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
      body: JSON.stringify({ qty: 5 }),
    });
    expect(res.status).toBe(200);
    const { args } = (await res.json()) as { args: { symbol: string; qty: number; http: { method: string; path: string; headers: Record<string, string> } } };
    expect(args).toMatchObject({ symbol: 'AAPL', qty: 5, http: { method: 'POST', path: '/extra/path' } });
    expect(args.http.headers['x-request-id']).toBe('r-1');
    const ctx = seen.at(-1)!.ctx as { functionName: string; getRemainingTimeInMillis: () => number; activationId: string };
    expect(ctx.functionName).toBe('/ns/reporting/echo');
    expect(ctx.activationId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives_raw_functions_the_body_and_query_string', async () => {
    await fetch(`${server.webUrl('reporting/raw')}?a=1`, { method: 'POST', body: 'plain text' });
    const { args } = seen.at(-1)! as { args: { http: { body: string; queryString: string } } };
    expect(args.http).toMatchObject({ body: 'plain text', queryString: 'a=1' });
  });

  it('enforces_web_secure', async () => {
    expect((await fetch(server.webUrl('trading/control'))).status).toBe(401);
    expect((await fetch(server.webUrl('trading/control'), { headers: { 'x-require-whisk-auth': 'wrong' } })).status).toBe(401);
    expect((await fetch(server.webUrl('trading/control'), { headers: { 'x-require-whisk-auth': 's3cret-value' } })).status).toBe(200);
  });

  it('refuses_http_calls_to_web_false_functions', async () => {
    const res = await fetch(server.webUrl('news/collect'), { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'The requested resource does not exist.' });
  });

  it('invokes_workers_through_the_openwhisk_api_with_basic_auth', async () => {
    const url = `${server.url}/api/v1/namespaces/ns/actions/news/collect?blocking=true&result=true`;
    const auth = `Basic ${Buffer.from(apiKey).toString('base64')}`;
    const bad = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('x:y').toString('base64')}` }, body: '{}' });
    expect(bad.status).toBe(401);
    const res = await fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch: ['A'] }) });
    expect(await res.json()).toEqual({ collected: { batch: ['A'] } });
  });

  it('answers_502_when_a_function_exceeds_its_timeout', async () => {
    const res = await fetch(server.webUrl('reporting/slow'));
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toMatch(/time limits/);
  });
});

describe('trigger runner', () => {
  it('fires_a_scheduled_trigger_on_simulated_minutes_with_its_body', async () => {
    const calls: unknown[] = [];
    const f = fn('coordinator/tick', false, async (args) => (calls.push(args), { ok: true }), {
      triggers: [{ name: 'every-minute', cron: '* * * * *', body: { source: 'cron' }, enabled: true }],
    });
    // 600x: a simulated minute every 100 ms of real time.
    const clock = createScaledClock(Date.parse('2026-11-23T14:30:00Z'), 600);
    const fired: { trigger: string; at: number }[] = [];
    const runner = startTriggers({ functions: new Map([[f.spec.id, f]]), namespace: 'ns', clock, onFire: (e) => fired.push(e) });
    for (let waited = 0; fired.length < 3 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    runner.stop();
    expect(fired.slice(0, 3).map((e) => new Date(e.at).toISOString())).toEqual([
      '2026-11-23T14:31:00.000Z',
      '2026-11-23T14:32:00.000Z',
      '2026-11-23T14:33:00.000Z',
    ]);
    expect(calls[0]).toEqual({ source: 'cron' });
    expect(fired.every((e) => e.trigger === 'every-minute')).toBe(true);
  });
});

describe('local runtime under dashboard load', () => {
  it('runs_web_invocations_one_at_a_time_while_the_invoke_api_never_waits_behind_them', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const page: MainFn = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => releases.push(r));
      running--;
      return { statusCode: 200, body: 'ok' };
    };
    const functions = new Map([fn('reporting/page', true, page), fn('news/collect', false, async () => ({ ok: true }))].map((f) => [f.spec.id, f]));
    const server = await startRuntimeServer({ namespace: 'ns', functions, apiKey: 'u:k' });
    try {
      const pages = Array.from({ length: 5 }, () => fetch(server.webUrl('reporting/page')).then((r) => r.status));
      await expect.poll(() => releases.length).toBe(1);
      // The coordinator's worker call goes through while five dashboard requests are in flight.
      const worker = await fetch(`${server.url}/api/v1/namespaces/ns/actions/news/collect?blocking=true&result=true`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('u:k').toString('base64')}` }, body: '{}' });
      expect(await worker.json()).toEqual({ ok: true });
      for (let i = 0; i < 5; i++) {
        await expect.poll(() => releases.length).toBe(i + 1);
        releases[i]!();
      }
      expect(await Promise.all(pages)).toEqual([200, 200, 200, 200, 200]);
      expect(most).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('local runtime namespace limits on the invoke API', () => {
  it('answers_429_past_the_invocations_in_flight_as_the_platform_and_admits_again_when_one_ends', async () => {
    const releases: (() => void)[] = [];
    const held: MainFn = () => new Promise((r) => releases.push(() => r({ ok: true })));
    const functions = new Map([fn('research/trial', false, held)].map((f) => [f.spec.id, f]));
    const server = await startRuntimeServer({ namespace: 'ns', functions, apiKey: 'u:k', namespaceLimits: { concurrent: 2, perMinute: 600 } });
    const call = () => fetch(`${server.url}/api/v1/namespaces/ns/actions/research/trial?blocking=true&result=true`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('u:k').toString('base64')}` }, body: '{}' });
    try {
      const first = [call(), call()];
      await expect.poll(() => releases.length).toBe(2);
      const refused = await call();
      expect(refused.status).toBe(429);
      expect(await refused.json()).toEqual({ error: 'Too many concurrent requests in flight (count: 2, allowed: 2).' });
      // What the coordinator's and the optimiser's invoker make of it: retryable once the caller slows down.
      const viaInvoker = await new OpenWhiskInvoker({ apiHost: server.url, namespace: 'ns', apiKey: 'u:k' }).invoke('research/trial', {}, { timeoutMs: 5000 });
      expect(viaInvoker).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
      releases[0]!();
      expect((await first[0]!).status).toBe(200);
      const third = call();
      await expect.poll(() => releases.length).toBe(3);
      releases[1]!();
      releases[2]!();
      expect((await Promise.all([first[1]!, third])).map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await server.close();
    }
  });
});
