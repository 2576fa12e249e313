import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './db.ts';
import { loadProjectSpec, type FunctionSpec } from '../../scheduler/project-spec.ts';
import { loadFunctions } from '../../scheduler/function-registry.ts';
import { startRuntimeServer, type RuntimeServer } from '../../scheduler/web-server.ts';
import { createRuntime, type Runtime } from '../../lib/compose/runtime.ts';
import { loadConfig } from '../../lib/config/load-config.ts';
import { createScaledClock } from '../../lib/adapters/clock/scaled-clock.ts';
import { deferredInvoker } from '../../lib/adapters/invoke/deferred-invoker.ts';
import { OpenWhiskInvoker } from '../../lib/adapters/invoke/openwhisk-invoker.ts';
import { hashPassword } from '../../lib/adapters/auth/password-hash.ts';
import { addDays, newYorkDate } from '../../lib/domain/calendar/new-york-time.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface WebSystem {
  server: RuntimeServer;
  db: TestDb;
  functions: FunctionSpec[];
  /** Basic credentials of the invoke API (`<uuid>:<key>`). */
  apiKey: string;
  password: string;
  /** Every secret of this system: none may appear in any response. */
  secrets: string[];
  env: Record<string, string>;
  login(): Promise<{ accessToken: string; refreshToken: string; deviceToken: string }>;
  invoke(fn: string, body: string, query?: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Every function of project.yml behind the local runtime's HTTP server, in simulation, on the test
 * Postgres and Redis: what a browser or an attacker on the network sees of `npm start`.
 */
export async function startWebSystem(options: { dashboardDir?: string; namespaceLimits?: { concurrent: number; perMinute: number } } = {}): Promise<WebSystem> {
  const db = await createTestDb();
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const simNow = Date.parse('2026-11-23T15:00:00Z');
  const apiKey = `${crypto.randomUUID()}:${randomBytes(24).toString('hex')}`;
  const env: Record<string, string> = {
    TRADING_MODE: 'sim',
    ...runtimeEnvFor(db),
    ...(inject('databaseKind') === 'postgres' ? { DATABASE_POOL_MAX: '8' } : {}),
    AUTH_TOKEN_SECRET: `auth-${randomBytes(24).toString('hex')}`,
    DASHBOARD_PASSWORD_HASH: await hashPassword(password),
    METRICS_TOKEN: `metrics-${randomBytes(16).toString('hex')}`,
    SIM_SYMBOLS: '5',
    LOG_LEVEL: 'error',
  };
  // As `npm start` does: this environment over project.yml's, the simulated clock and the local invoke API as overrides.
  const raw: Record<string, string | undefined> = { ...process.env, ...env };
  const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), raw);
  for (const [k, v] of Object.entries(spec.environment)) raw[k] ??= v;
  const invoker = deferredInvoker('the local invoke API is not up yet');
  const runtime: Runtime = createRuntime(loadConfig(raw), { clock: createScaledClock(simNow, 1), simMarketStart: addDays(newYorkDate(simNow), -30), invoker });
  const functions = await loadFunctions(ROOT, spec.functions, runtime);
  // A built dashboard when the test brings one (the browser tests), else a placeholder page.
  const ownDir = options.dashboardDir ? null : await mkdtemp(path.join(os.tmpdir(), 'catalyst-web-'));
  if (ownDir) await writeFile(path.join(ownDir, 'index.html'), '<!doctype html><title>Catalyst</title>');
  const dashboardDir = options.dashboardDir ?? ownDir!;
  const server = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey, dashboardDir, webConcurrency: 8, ...(options.namespaceLimits ? { namespaceLimits: options.namespaceLimits } : {}) });
  invoker.bind(new OpenWhiskInvoker({ apiHost: server.url, namespace: 'catalyst', apiKey }));
  const secrets = [env.AUTH_TOKEN_SECRET!, env.METRICS_TOKEN!, env.DASHBOARD_PASSWORD_HASH!, password, apiKey.split(':')[1]!, inject('redisRestToken')];
  const basic = `Basic ${Buffer.from(apiKey).toString('base64')}`;
  return {
    server,
    db,
    functions: spec.functions,
    apiKey,
    password,
    secrets,
    env,
    login: async () => {
      const res = await fetch(server.webUrl('reporting/auth'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'login', password }) });
      if (res.status !== 200) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as { accessToken: string; refreshToken: string; deviceToken: string };
    },
    invoke: (fn, body, query = 'blocking=true&result=true') =>
      fetch(`${server.url}/api/v1/namespaces/catalyst/actions/${fn}?${query}`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body }),
    close: async () => {
      await server.close();
      await runtime.close();
      await db.drop();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}

/** What no response may contain: a secret, a stack trace, SQL, or a file path of this machine. */
export function leaksIn(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of secrets) if (s && text.includes(s)) found.push(`secret ${s.slice(0, 6)}…`);
  if (/\n\s+at \S+ \(|at (async )?\S+ \(?\/|node:internal/.test(text)) found.push('stack trace');
  if (/\b(SELECT\s.+\sFROM|INSERT INTO|UPDATE \S+ SET|DELETE FROM)\b|syntax error at or near|violates .* constraint|relation "\w+" does not exist/i.test(text)) found.push('SQL');
  if (text.includes(ROOT) || /\/(home|work|tmp|usr|root)\/[\w.-]+\//.test(text)) found.push('path');
  return found;
}
