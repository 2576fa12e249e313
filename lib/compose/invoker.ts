import type { Invoker } from '../ports/invoker.port.ts';
import type { DependencyProbe } from '../app/health/check-health.ts';
import type { Runtime } from './runtime.ts';
import { OpenWhiskInvoker } from '../adapters/invoke/openwhisk-invoker.ts';
import { ExplainedInvoker, UnconfiguredInvoker } from '../adapters/invoke/explained-invoker.ts';

/** What the operator does when the key is missing or refused. */
export const FUNCTIONS_KEY_FIX =
  'create a namespace access key with `doctl serverless key create --name catalyst-tick --expiration never`, put it in .env as FUNCTIONS_API_KEY (and FUNCTIONS_API_HOST from `doctl serverless namespaces list`), then deploy again';

/** The settings the invoker reads (from the validated environment). */
export interface InvokeSettings {
  TRADING_MODE: string;
  CATALYST_NAMESPACE: string;
  FUNCTIONS_API_HOST?: string | undefined;
  FUNCTIONS_API_KEY?: string | undefined;
}

/** The platform's per-activation variables (and the local runtime's invoke API), as the runtime was given them. */
export interface PlatformVars {
  __OW_API_HOST?: string | undefined;
  __OW_NAMESPACE?: string | undefined;
  /** Never used: DigitalOcean gives functions no key of their own (see target below). */
  __OW_API_KEY?: string | undefined;
  CATALYST_LOCAL_API_URL?: string | undefined;
  CATALYST_LOCAL_API_KEY?: string | undefined;
}

function platformVars(rt: Runtime): PlatformVars {
  const p = rt.overrides.platformApi ?? {};
  return { __OW_API_HOST: p.host, __OW_NAMESPACE: p.namespace, CATALYST_LOCAL_API_URL: rt.overrides.localApi?.url, CATALYST_LOCAL_API_KEY: rt.overrides.localApi?.key };
}

type Target = { apiHost: string; apiKey: string; namespace: string; local: boolean } | { missing: string };

/**
 * Where the workers answer: the local runtime's invoke API under `npm start` (CATALYST_LOCAL_API_URL/KEY,
 * set by the scheduler), or DigitalOcean's OpenWhisk API when deployed: FUNCTIONS_API_HOST (else the
 * platform's __OW_API_HOST) and FUNCTIONS_API_KEY, a namespace access key. DigitalOcean gives functions no
 * key of their own (doctl forbids the provide-api-key annotation), so nothing falls back to __OW_API_KEY.
 */
function target(env: PlatformVars, cfg: InvokeSettings): Target {
  if (env.CATALYST_LOCAL_API_URL && env.CATALYST_LOCAL_API_KEY) {
    return { apiHost: env.CATALYST_LOCAL_API_URL, apiKey: env.CATALYST_LOCAL_API_KEY, namespace: cfg.CATALYST_NAMESPACE, local: true };
  }
  const apiHost = cfg.FUNCTIONS_API_HOST ?? env.__OW_API_HOST;
  if (!cfg.FUNCTIONS_API_KEY) return { missing: `FUNCTIONS_API_KEY is not set; ${FUNCTIONS_KEY_FIX}` };
  if (!apiHost) return { missing: `FUNCTIONS_API_HOST is not set (and the platform gave no __OW_API_HOST); ${FUNCTIONS_KEY_FIX}` };
  return { apiHost, apiKey: cfg.FUNCTIONS_API_KEY, namespace: env.__OW_NAMESPACE ?? '_', local: false };
}

/** How the coordinator reaches the workers; a missing or refused key fails each call naming the setting and the fix. */
export function buildInvoker(rt: Runtime): Invoker {
  return rt.overrides.invoker ?? invokerFor(platformVars(rt), rt.env);
}

/** The invoker these settings give (exported for tests). */
export function invokerFor(env: PlatformVars, cfg: InvokeSettings): Invoker {
  const t = target(env, cfg);
  if ('missing' in t) return new UnconfiguredInvoker(t.missing);
  return new ExplainedInvoker(new OpenWhiskInvoker(t), `the platform refused FUNCTIONS_API_KEY; ${FUNCTIONS_KEY_FIX}`);
}

/**
 * Health's check that the coordinator can invoke the workers: the key is set and the platform accepts it
 * (`GET /api/v1/namespaces`, what `doctl serverless connect --access-key` checks). Codes name the setting.
 */
export function functionsProbe(rt: Runtime): DependencyProbe {
  return { name: 'functions', check: () => (rt.overrides.invoker ? Promise.resolve() : checkFunctionsAccess(platformVars(rt), rt.env)) };
}

/** The probe's check for these settings (exported for tests). */
export async function checkFunctionsAccess(env: PlatformVars, cfg: InvokeSettings, fetchFn: typeof fetch = fetch): Promise<void> {
  // Sim and backtest run on this machine (the local runtime or in process): nothing deployed to check.
  if (cfg.TRADING_MODE === 'sim' || cfg.TRADING_MODE === 'backtest') return;
  const t = target(env, cfg);
  if ('missing' in t) throw Object.assign(new Error(t.missing), { code: t.missing.startsWith('FUNCTIONS_API_KEY') ? 'FUNCTIONS_API_KEY_MISSING' : 'FUNCTIONS_API_HOST_MISSING' });
  if (t.local) return;
  const res = await fetchFn(`${t.apiHost.replace(/\/$/, '')}/api/v1/namespaces`, { headers: { authorization: `Basic ${Buffer.from(t.apiKey).toString('base64')}` }, signal: AbortSignal.timeout(1500) });
  await res.body?.cancel();
  if (res.status === 401 || res.status === 403) throw Object.assign(new Error('refused'), { code: 'FUNCTIONS_API_KEY_REFUSED' });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { code: 'FUNCTIONS_API_UNAVAILABLE' });
}
