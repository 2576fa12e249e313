import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFunctionsAccess, invokerFor, type InvokeSettings } from './invoker.ts';
import { startRuntimeServer, type RuntimeServer } from '../../scheduler/web-server.ts';
import type { LoadedFunction } from '../../scheduler/function-registry.ts';

const KEY = 'dof_v1_0a1b2c3d:c2VjcmV0LXNlY3JldA';
const echo: LoadedFunction = {
  spec: { package: 'technical', name: 'signals', id: 'technical/signals', runtime: 'nodejs:22', main: 'main', web: false, webSecure: false, limits: { timeout: 2000, memory: 128 }, environment: {}, triggers: [] },
  main: async (args) => ({ statusCode: 200, body: { echoed: args } }),
};

describe('the deployed coordinator reaches the workers with a namespace access key', () => {
  let platform: RuntimeServer;
  const paper = (extra: Partial<InvokeSettings> = {}): InvokeSettings => ({ TRADING_MODE: 'paper', CATALYST_NAMESPACE: 'catalyst', FUNCTIONS_API_HOST: platform.url, ...extra });
  // The platform's own per-activation variables; no __OW_API_KEY: DigitalOcean gives functions none.
  const deployed = { __OW_NAMESPACE: 'fn-test', __OW_API_HOST: 'http://127.0.0.1:9' };

  beforeAll(async () => {
    platform = await startRuntimeServer({ namespace: 'fn-test', apiKey: KEY, functions: new Map([[echo.spec.id, echo]]) });
  });
  afterAll(() => platform.close());

  it('invokes_with_a_dof_v1_key_sent_as_basic_auth', async () => {
    const out = await invokerFor(deployed, paper({ FUNCTIONS_API_KEY: KEY })).invoke('technical/signals', { n: 1 }, { timeoutMs: 2000 });
    expect(out).toMatchObject({ ok: true, value: { echoed: { n: 1 } } });
    await expect(checkFunctionsAccess(deployed, paper({ FUNCTIONS_API_KEY: KEY }))).resolves.toBeUndefined();
  });

  it('fails_each_call_naming_the_setting_and_the_doctl_command_when_the_key_is_missing', async () => {
    const out = await invokerFor({ ...deployed, __OW_API_KEY: 'uuid:platform-key' }, paper()).invoke('trading/execute', {}, { timeoutMs: 2000 });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toMatchObject({ code: 'CONFIG_INVALID', retryable: false });
    expect(!out.ok && out.error.message).toMatch(/^cannot invoke trading\/execute: FUNCTIONS_API_KEY is not set; create a namespace access key with `doctl serverless key create --name catalyst-tick --expiration never`/);
    await expect(checkFunctionsAccess(deployed, paper())).rejects.toMatchObject({ code: 'FUNCTIONS_API_KEY_MISSING' });
  });

  it('explains_a_refused_key_and_health_names_it', async () => {
    const wrong = paper({ FUNCTIONS_API_KEY: 'dof_v1_0a1b2c3d:deleted' });
    const out = await invokerFor(deployed, wrong).invoke('technical/signals', {}, { timeoutMs: 2000 });
    expect(!out.ok && out.error.code).toBe('CONFIG_INVALID');
    expect(!out.ok && out.error.message).toMatch(/refused the invoke of technical\/signals \(401\): the platform refused FUNCTIONS_API_KEY; create a namespace access key with `doctl serverless key create/);
    expect(!out.ok && out.error.message).not.toContain('deleted');
    await expect(checkFunctionsAccess(deployed, wrong)).rejects.toMatchObject({ code: 'FUNCTIONS_API_KEY_REFUSED' });
  });

  it('checks_nothing_in_sim_where_the_local_runtime_invokes', async () => {
    await expect(checkFunctionsAccess({}, { TRADING_MODE: 'sim', CATALYST_NAMESPACE: 'catalyst' })).resolves.toBeUndefined();
  });
});
