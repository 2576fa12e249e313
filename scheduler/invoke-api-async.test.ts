import { afterEach, describe, expect, it } from 'vitest';
import { startRuntimeServer, type RuntimeServer, type RuntimeServerOptions } from './web-server.ts';
import type { LoadedFunction, MainFn } from './function-registry.ts';
import type { FunctionSpec } from './project-spec.ts';

function fn(id: string, main: MainFn, extra: Partial<FunctionSpec> = {}): LoadedFunction {
  const [pkg, name] = id.split('/') as [string, string];
  return { spec: { package: pkg, name, id, runtime: 'nodejs:22', main: 'main', web: false, webSecure: false, limits: { timeout: 60_000, memory: 256 }, environment: {}, triggers: [], ...extra }, main };
}

/** A function that runs until the test lets it end, answering what it was sent. */
function held() {
  const releases: (() => void)[] = [];
  const main: MainFn = (args) => new Promise((r) => releases.push(() => r({ echoed: args })));
  return { main, releases, release: (i: number) => releases[i]!() };
}

const KEY = 'u:k';
const auth = { authorization: `Basic ${Buffer.from(KEY).toString('base64')}` };
let server: RuntimeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(functions: LoadedFunction[], extra: Partial<RuntimeServerOptions> = {}): Promise<RuntimeServer> {
  server = await startRuntimeServer({ namespace: 'ns', functions: new Map(functions.map((f) => [f.spec.id, f])), apiKey: KEY, blockingWindowMs: 100, ...extra });
  return server;
}
const invoke = (s: RuntimeServer, id: string, query: string, body: unknown = {}) =>
  fetch(`${s.url}/api/v1/namespaces/ns/actions/${id}?${query}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const read = (s: RuntimeServer, activationId: string, part = '') => fetch(`${s.url}/api/v1/namespaces/_/activations/${activationId}${part}`, { headers: auth });

describe('the local invoke API demotes a blocking call that outlasts the blocking window, as DigitalOcean does', () => {
  it('answers_202_with_the_activation_id_while_the_function_runs_on_and_serves_its_record_once_it_ends', async () => {
    const trial = held();
    const s = await start([fn('research/trial', trial.main)]);
    const res = await invoke(s, 'research/trial', 'blocking=true&result=true', { n: 1 });
    expect(res.status).toBe(202);
    const { activationId } = (await res.json()) as { activationId: string };
    expect(activationId).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('x-openwhisk-activation-id')).toBe(activationId);
    // Still running: OpenWhisk has no record until the end.
    expect((await read(s, activationId)).status).toBe(404);
    trial.release(0);
    await expect.poll(async () => (await read(s, activationId)).status).toBe(200);
    const record = (await (await read(s, activationId)).json()) as Record<string, unknown>;
    expect(record).toMatchObject({
      namespace: 'ns',
      name: 'trial',
      activationId,
      response: { status: 'success', success: true, result: { echoed: { n: 1 } } },
      annotations: expect.arrayContaining([{ key: 'path', value: 'ns/research/trial' }]),
    });
    expect(record.duration).toBe((record.end as number) - (record.start as number));
    expect(await (await read(s, activationId, '/result')).json()).toEqual({ status: 'success', success: true, result: { echoed: { n: 1 } } });
    expect(await (await read(s, activationId, '/logs')).json()).toEqual({ logs: [] });
  });

  it('answers_a_blocking_call_that_ends_within_the_window_with_its_result_and_keeps_its_record', async () => {
    const s = await start([fn('news/collect', async (args) => ({ got: args }))], { blockingWindowMs: 5_000 });
    const res = await invoke(s, 'news/collect', 'blocking=true&result=true', { a: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { a: 1 } });
    const id = res.headers.get('x-openwhisk-activation-id')!;
    expect(await (await read(s, id, '/result')).json()).toEqual({ status: 'success', success: true, result: { got: { a: 1 } } });
  });

  it('never_demotes_a_function_whose_time_limit_fits_the_window_it_times_out_with_502_and_a_developer_error_record', async () => {
    const worker = held();
    const s = await start([fn('trading/execute', worker.main, { limits: { timeout: 100, memory: 256 } })], { blockingWindowMs: 300 });
    const res = await invoke(s, 'trading/execute', 'blocking=true&result=true');
    expect(res.status).toBe(502);
    const id = res.headers.get('x-openwhisk-activation-id')!;
    expect(await (await read(s, id, '/result')).json()).toEqual({ status: 'action developer error', success: false, result: { error: 'The action exceeded its time limits of 100 milliseconds.' } });
    worker.release(0);
  });

  it('answers_a_non_blocking_call_202_at_once_and_counts_it_in_flight_until_the_function_ends', async () => {
    const trial = held();
    const s = await start([fn('research/trial', trial.main)], { namespaceLimits: { concurrent: 1, perMinute: 600 } });
    const res = await invoke(s, 'research/trial', 'blocking=false', { n: 2 });
    expect(res.status).toBe(202);
    const { activationId } = (await res.json()) as { activationId: string };
    expect((await invoke(s, 'research/trial', 'blocking=false')).status).toBe(429);
    trial.release(0);
    await expect.poll(async () => (await read(s, activationId, '/result')).status).toBe(200);
    expect((await invoke(s, 'research/trial', 'blocking=false')).status).toBe(202);
    trial.release(1);
  });

  it('keeps_only_the_newest_records_within_its_retention', async () => {
    const s = await start([fn('news/collect', async () => ({ ok: true }))], { activationRetention: { records: 2, resultBytes: 1024 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await invoke(s, 'news/collect', 'blocking=true&result=true')).headers.get('x-openwhisk-activation-id')!);
    expect(await Promise.all(ids.map(async (id) => (await read(s, id)).status))).toEqual([404, 200, 200]);
  });

  it('refuses_activation_reads_without_the_namespace_key_and_answers_404_for_an_unknown_id', async () => {
    const s = await start([fn('news/collect', async () => ({ ok: true }))]);
    const id = (await invoke(s, 'news/collect', 'blocking=true')).headers.get('x-openwhisk-activation-id')!;
    expect((await fetch(`${s.url}/api/v1/namespaces/_/activations/${id}`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/v1/namespaces/_/activations/${id}`, { method: 'DELETE', headers: auth })).status).toBe(405);
    const unknown = await read(s, 'f'.repeat(32));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'The requested resource does not exist.' });
  });
});

describe('web invocations in the local runtime', () => {
  it('count_toward_the_namespace_limits_shared_with_the_invoke_api', async () => {
    const page = held();
    const s = await start([fn('reporting/page', page.main, { web: true }), fn('news/collect', async () => ({ ok: true }))], { namespaceLimits: { concurrent: 1, perMinute: 600 } });
    const pending = fetch(s.webUrl('reporting/page'));
    await expect.poll(() => page.releases.length).toBe(1);
    const refused = await invoke(s, 'news/collect', 'blocking=true&result=true');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'Too many concurrent requests in flight (count: 1, allowed: 1).' });
    page.release(0);
    expect((await pending).status).toBe(200);
    expect((await invoke(s, 'news/collect', 'blocking=true&result=true')).status).toBe(200);
  });

  it('are_refused_429_past_the_invocations_a_minute_the_invoke_api_used', async () => {
    const s = await start([fn('reporting/page', async () => ({ statusCode: 200, body: 'ok' }), { web: true }), fn('news/collect', async () => ({ ok: true }))], { namespaceLimits: { concurrent: 10, perMinute: 2 } });
    expect((await invoke(s, 'news/collect', 'blocking=true')).status).toBe(200);
    expect((await fetch(s.webUrl('reporting/page'))).status).toBe(200);
    const refused = await fetch(s.webUrl('reporting/page'));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'Too many requests in the last minute (count: 2, allowed: 2).' });
  });

  it('cannot_run_asynchronously_one_still_running_after_the_window_is_answered_202_response_not_yet_ready', async () => {
    const page = held();
    const s = await start([fn('reporting/export', page.main, { web: true })]);
    const res = await fetch(s.webUrl('reporting/export'));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ error: 'Response not yet ready.' });
    expect(res.headers.get('x-openwhisk-activation-id')).toMatch(/^[0-9a-f]{32}$/);
    page.release(0);
  });
});
