import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { OpenWhiskInvoker } from './openwhisk-invoker.ts';
import { InProcessInvoker } from './in-process-invoker.ts';
import { handler } from '../../platform/handler.ts';
import { createLogger } from '../../platform/logger.ts';
import { AppError } from '../../shared/errors.ts';
import { startRuntimeServer, type RuntimeServer } from '../../../scheduler/web-server.ts';
import type { LoadedFunction } from '../../../scheduler/function-registry.ts';
import type { Invoker } from '../../ports/invoker.port.ts';

const quiet = createLogger({ sink: () => undefined });
const double = handler({ name: 'technical/signals', schema: z.object({ n: z.number() }), setup: () => ({}), run: ({ n }) => ({ doubled: n * 2 }), logger: quiet });
const refuse = handler({
  name: 'trading/execute',
  schema: z.object({}),
  setup: () => ({}),
  run: () => {
    throw new AppError('DEPENDENCY_UNAVAILABLE', 'broker is down');
  },
  logger: quiet,
});
const slow = handler({ name: 'news/collect', schema: z.object({}), setup: () => ({}), run: () => new Promise((r) => setTimeout(() => r({}), 2000)), logger: quiet });
const odd = handler({ name: 'patterns/detect', schema: z.object({}), setup: () => ({}), run: () => ({ at: new Date(0), gone: undefined, n: Number.NaN, list: [1, undefined] }), logger: quiet });
const huge = handler({ name: 'scanner/scan', schema: z.object({}), setup: () => ({}), run: () => ({ text: 'x'.repeat(1024 * 1024) }), logger: quiet });
const meddle = handler({
  name: 'trading/reconcile',
  schema: z.object({ rows: z.array(z.object({ n: z.number() })) }),
  setup: () => ({}),
  run: (input) => {
    input.rows[0]!.n = 99;
    return { rows: input.rows };
  },
  logger: quiet,
});
const mains = new Map([
  ['technical/signals', double],
  ['trading/execute', refuse],
  ['news/collect', slow],
  ['patterns/detect', odd],
  ['scanner/scan', huge],
  ['trading/reconcile', meddle],
]);

function contract(name: string, make: () => Invoker) {
  describe(name, () => {
    it('returns_the_functions_value', async () => {
      expect(await make().invoke('technical/signals', { n: 21 }, { timeoutMs: 2000 })).toMatchObject({ ok: true, value: { doubled: 42 } });
    });
    it('takes_a_deadline_with_a_fraction_of_a_millisecond_as_a_fan_outs_remaining_budget_is', async () => {
      expect(await make().invoke('technical/signals', { n: 1 }, { timeoutMs: 1999.75 })).toMatchObject({ ok: true, value: { doubled: 2 } });
    });
    it('reports_a_validation_failure_with_its_code', async () => {
      const out = await make().invoke('technical/signals', { n: 'x' }, { timeoutMs: 2000 });
      expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', retryable: false } });
    });
    it('reports_a_dependency_failure_as_retryable', async () => {
      expect(await make().invoke('trading/execute', {}, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_UNAVAILABLE', retryable: true } });
    });
    it('answers_what_the_json_of_the_answer_says_dates_as_text_undefined_dropped', async () => {
      expect(await make().invoke('patterns/detect', {}, { timeoutMs: 2000 })).toMatchObject({ ok: true, value: { at: '1970-01-01T00:00:00.000Z', n: null, list: [1, null] } });
      const out = await make().invoke('patterns/detect', {}, { timeoutMs: 2000 });
      expect(out.ok && Object.keys(out.value as object)).toEqual(['at', 'n', 'list']);
    });
    it('hands_the_function_a_copy_of_the_arguments', async () => {
      const params = { rows: [{ n: 1 }] };
      expect(await make().invoke('trading/reconcile', params, { timeoutMs: 2000 })).toMatchObject({ ok: true, value: { rows: [{ n: 99 }] } });
      expect(params.rows[0]!.n).toBe(1);
    });
    it('bounds_a_slow_function_by_the_timeout', async () => {
      const out = await make().invoke('news/collect', {}, { timeoutMs: 100 });
      expect(out).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT' } });
      expect(out.durationMs).toBeLessThan(1000);
    });
  });
}

describe('InProcessInvoker, no kinder than the platform', () => {
  it('refuses_an_answer_over_the_platforms_1_mb', async () => {
    const out = await new InProcessInvoker(mains).invoke('scanner/scan', {}, { timeoutMs: 2000 });
    expect(out).toMatchObject({ ok: false, error: { code: 'RESPONSE_TOO_LARGE', retryable: false } });
  });
  it('refuses_arguments_over_the_platforms_1_mb', async () => {
    const out = await new InProcessInvoker(mains).invoke('technical/signals', { n: 1, pad: 'x'.repeat(1024 * 1024) }, { timeoutMs: 2000 });
    expect(out).toMatchObject({ ok: false, error: { code: 'REQUEST_TOO_LARGE', retryable: false } });
  });
  it('times_out_each_call_at_its_own_deadline_under_one_timer', async () => {
    const invoker = new InProcessInvoker(mains);
    const t0 = performance.now();
    const timed = (p: Promise<unknown>) => p.then((out) => ({ out, at: performance.now() - t0 }));
    const [late, early, quick] = await Promise.all([
      timed(invoker.invoke('news/collect', {}, { timeoutMs: 400 })),
      timed(invoker.invoke('news/collect', {}, { timeoutMs: 50 })),
      timed(invoker.invoke('technical/signals', { n: 2 }, { timeoutMs: 10 })),
    ]);
    expect(early.out).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT' }, durationMs: 50 });
    expect(late.out).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT' }, durationMs: 400 });
    expect(quick.out).toMatchObject({ ok: true, value: { doubled: 4 } });
    expect(early.at).toBeGreaterThanOrEqual(49);
    expect(early.at).toBeLessThan(late.at);
    expect(late.at).toBeGreaterThanOrEqual(399);
    expect(late.at).toBeLessThan(1900);
  });
});

let server: RuntimeServer;
beforeAll(async () => {
  const functions = new Map<string, LoadedFunction>(
    [...mains].map(([id, main]) => {
      const [pkg, fn] = id.split('/') as [string, string];
      return [id, { spec: { package: pkg, name: fn, id, runtime: 'nodejs:22', main: 'main', web: false, webSecure: false, limits: { timeout: 5000, memory: 256 }, environment: {}, triggers: [] }, main }];
    }),
  );
  server = await startRuntimeServer({ namespace: 'ns', functions, apiKey: 'u:k' });
});
afterAll(() => server.close());

contract('InProcessInvoker', () => new InProcessInvoker(mains));
contract('OpenWhiskInvoker against the local runtime', () => new OpenWhiskInvoker({ apiHost: server.url, namespace: 'ns', apiKey: 'u:k' }));

it('openwhisk_invoker_reports_a_refused_key_as_unauthorized', async () => {
  const out = await new OpenWhiskInvoker({ apiHost: server.url, namespace: 'ns', apiKey: 'u:wrong' }).invoke('technical/signals', { n: 1 }, { timeoutMs: 1000 });
  expect(out).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', retryable: false } });
});
