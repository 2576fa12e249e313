import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { OpenWhiskInvoker } from './openwhisk-invoker.ts';
import { pollDelayMs } from './activation-poll.ts';
import { handler } from '../../platform/handler.ts';
import { createLogger } from '../../platform/logger.ts';
import { startRuntimeServer, type RuntimeServer } from '../../../scheduler/web-server.ts';
import type { LoadedFunction, MainFn } from '../../../scheduler/function-registry.ts';

const quiet = createLogger({ sink: () => undefined });

function fn(id: string, main: MainFn, timeout = 60_000): LoadedFunction {
  const [pkg, name] = id.split('/') as [string, string];
  return { spec: { package: pkg, name, id, runtime: 'nodejs:22', main: 'main', web: false, webSecure: false, limits: { timeout, memory: 256 }, environment: {}, triggers: [] }, main };
}

/** A function that runs until the test lets it end; counts its activations. */
function held(answer: (args: unknown) => unknown = (args) => ({ statusCode: 200, body: JSON.stringify({ echoed: args }) })) {
  const releases: (() => void)[] = [];
  const main: MainFn = (args) => new Promise((r) => releases.push(() => r(answer(args) as Record<string, unknown>)));
  return { main, releases };
}

let server: RuntimeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The local runtime with a 100 ms blocking window, and an invoker whose requests are recorded. */
async function platform(functions: LoadedFunction[]) {
  server = await startRuntimeServer({ namespace: 'ns', functions: new Map(functions.map((f) => [f.spec.id, f])), apiKey: 'u:k', blockingWindowMs: 100 });
  const requests: string[] = [];
  const recording: typeof fetch = (input, init) => (requests.push(`${init?.method ?? 'GET'} ${String(input).replace(server!.url, '')}`), fetch(input, init));
  return { invoker: new OpenWhiskInvoker({ apiHost: server.url, namespace: 'ns', apiKey: 'u:k', fetch: recording }), requests };
}

describe('OpenWhiskInvoker when the platform answers 202 with an activation id', () => {
  it('waits_longer_between_reads_of_an_activation_up_to_five_seconds', () => {
    expect([0, 1, 2, 3, 8, 9, 20].map(pollDelayMs)).toEqual([250, 375, 563, 844, 5_000, 5_000, 5_000]);
  });

  it('reads_a_demoted_blocking_call_until_its_activation_ends_and_returns_its_value_having_invoked_once', async () => {
    const trial = held();
    const { invoker, requests } = await platform([fn('research/trial', trial.main)]);
    const out = invoker.invoke('research/trial', { n: 7 }, { timeoutMs: 20_000 });
    await expect.poll(() => requests.some((r) => r.startsWith('GET /api/v1/namespaces/ns/activations/'))).toBe(true);
    trial.releases[0]!();
    expect(await out).toMatchObject({ ok: true, value: { echoed: { n: 7 } } });
    expect(trial.releases).toHaveLength(1);
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual(['POST /api/v1/namespaces/ns/actions/research/trial?blocking=true&result=true']);
  });

  it('invokes_non_blocking_when_asked_and_reads_the_activation_for_the_value', async () => {
    const trial = held();
    const { invoker, requests } = await platform([fn('research/trial', trial.main)]);
    const out = invoker.invoke('research/trial', { n: 8 }, { timeoutMs: 20_000, nonBlocking: true });
    await expect.poll(() => trial.releases.length).toBe(1);
    trial.releases[0]!();
    expect(await out).toMatchObject({ ok: true, value: { echoed: { n: 8 } } });
    expect(requests[0]).toBe('POST /api/v1/namespaces/ns/actions/research/trial?blocking=false');
  });

  it('keeps_the_functions_own_error_code_when_the_answer_comes_through_the_activation', async () => {
    const refuse = handler({ name: 'research/trial', schema: z.object({ n: z.number() }), setup: () => ({}), run: () => ({}), logger: quiet });
    const { invoker } = await platform([fn('research/trial', refuse)]);
    expect(await invoker.invoke('research/trial', { n: 'x' }, { timeoutMs: 20_000, nonBlocking: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', retryable: false } });
  });

  it('reports_a_call_still_running_at_its_deadline_as_a_retryable_timeout_naming_the_activation_never_invoking_again', async () => {
    const trial = held();
    const { invoker, requests } = await platform([fn('research/trial', trial.main)]);
    const out = await invoker.invoke('research/trial', {}, { timeoutMs: 700 });
    expect(out).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT', retryable: true } });
    const message = out.ok ? '' : out.error.message;
    const id = /activation ([0-9a-f]{32})/.exec(message)?.[1];
    expect(message).toMatch(/research\/trial was still running as activation [0-9a-f]{32} when its 700 ms ran out \(no record yet \(404\)\); it was not invoked again and may still finish/);
    expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    // It does finish, and its record can still be read.
    trial.releases[0]!();
    await expect.poll(async () => (await fetch(`${server!.url}/api/v1/namespaces/ns/activations/${id}/result`, { headers: { authorization: `Basic ${Buffer.from('u:k').toString('base64')}` } })).status).toBe(200);
  });

  it('reports_an_activation_that_exceeded_its_time_limit_as_a_timeout_from_its_record', async () => {
    const worker = held();
    const { invoker } = await platform([fn('research/trial', worker.main, 200)]);
    const out = await invoker.invoke('research/trial', {}, { timeoutMs: 20_000, nonBlocking: true });
    expect(out).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT', retryable: true } });
    expect(out.ok ? '' : out.error.message).toMatch(/failed as activation [0-9a-f]{32} \(action developer error: The action exceeded its time limits of 200 milliseconds\.\)/);
    worker.releases[0]!();
  });

  it('reports_a_refused_activation_read_as_unauthorized', async () => {
    const trial = held();
    await platform([fn('research/trial', trial.main)]);
    // A key that may invoke but not read activations: only the read is refused.
    const readsRefused: typeof fetch = (input, init) => fetch(input, String(input).includes('/activations/') ? { ...init, headers: { authorization: 'Basic eDp5' } } : init);
    const invoker = new OpenWhiskInvoker({ apiHost: server!.url, namespace: 'ns', apiKey: 'u:k', fetch: readsRefused });
    expect(await invoker.invoke('research/trial', {}, { timeoutMs: 20_000, nonBlocking: true })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', retryable: false } });
    trial.releases[0]!();
  });
});
