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
const mains = new Map([
  ['technical/signals', double],
  ['trading/execute', refuse],
  ['news/collect', slow],
]);

function contract(name: string, make: () => Invoker) {
  describe(name, () => {
    it('returns_the_functions_value', async () => {
      expect(await make().invoke('technical/signals', { n: 21 }, { timeoutMs: 2000 })).toMatchObject({ ok: true, value: { doubled: 42 } });
    });
    it('reports_a_validation_failure_with_its_code', async () => {
      const out = await make().invoke('technical/signals', { n: 'x' }, { timeoutMs: 2000 });
      expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', retryable: false } });
    });
    it('reports_a_dependency_failure_as_retryable', async () => {
      expect(await make().invoke('trading/execute', {}, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_UNAVAILABLE', retryable: true } });
    });
    it('bounds_a_slow_function_by_the_timeout', async () => {
      const out = await make().invoke('news/collect', {}, { timeoutMs: 100 });
      expect(out).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT' } });
      expect(out.durationMs).toBeLessThan(1000);
    });
  });
}

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
