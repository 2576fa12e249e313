import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { scratchSchema } from './scratch-db.ts';
import { printFigures, printSection } from './report.ts';
import { chooseBackend } from '../lib/adapters/redis/local-endpoint/choose-backend.ts';
import { startUpstashEndpoint } from '../lib/adapters/redis/local-endpoint/server.ts';
import { hashPassword } from '../lib/adapters/auth/password-hash.ts';
import { createRuntime } from '../lib/compose/runtime.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { createScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { deferredInvoker } from '../lib/adapters/invoke/deferred-invoker.ts';
import { OpenWhiskInvoker } from '../lib/adapters/invoke/openwhisk-invoker.ts';
import { addDays, newYorkDate } from '../lib/domain/calendar/new-york-time.ts';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { loadFunctions } from '../scheduler/function-registry.ts';
import { startRuntimeServer } from '../scheduler/web-server.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TICKS = Number(process.env.BENCH_LOAD_TICKS ?? 20);
const DASHBOARD_CLIENTS = 64;

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? 0;
}

/**
 * `npm run bench -- load`: the local runtime as `npm start` runs it (every function behind its HTTP server,
 * the coordinator reaching the workers through the invoke API), the tick's wall time idle and with 64
 * dashboard clients requesting without pause. The scheduler must keep its minute under dashboard load.
 */
export async function benchTickUnderLoad(): Promise<boolean> {
  printSection(`tick under dashboard load (${TICKS} ticks idle, ${TICKS} with ${DASHBOARD_CLIENTS} dashboard clients)`);
  const scratch = await scratchSchema();
  const backend = await chooseBackend(process.env.LOCAL_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const redisToken = randomBytes(16).toString('hex');
  const redis = await startUpstashEndpoint({ backend, token: redisToken });
  const password = 'bench-password';
  const simNow = Date.parse('2026-11-23T15:00:00Z');
  const apiKey = `${randomUUID()}:${randomBytes(16).toString('hex')}`;
  const raw: Record<string, string | undefined> = {
    ...process.env,
    TRADING_MODE: 'sim', DATABASE_URL: scratch.url, DATABASE_POOL_MAX: '4', UPSTASH_REDIS_REST_URL: redis.url, UPSTASH_REDIS_REST_TOKEN: redisToken,
    REDIS_KEY_PREFIX: `bench-load-${randomBytes(4).toString('hex')}:`, AUTH_TOKEN_SECRET: randomBytes(24).toString('hex'), DASHBOARD_PASSWORD_HASH: await hashPassword(password),
    SIM_SYMBOLS: '50', LOG_LEVEL: 'error',
  };
  const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), raw);
  for (const [k, v] of Object.entries(spec.environment)) raw[k] ??= v;
  const invoker = deferredInvoker('the local invoke API is not up yet');
  const runtime = createRuntime(loadConfig(raw), { clock: createScaledClock(simNow, 1), simMarketStart: addDays(newYorkDate(simNow), -30), invoker });
  const functions = await loadFunctions(ROOT, spec.functions, runtime);
  // 64 clients without pause pass DigitalOcean's 600 invocations a minute, web and invoke API alike (about
  // 1,000-1,500 a minute at load 20); the ticks would then measure 429s. This bench measures the event loop shared with the dashboard,
  // so it lifts the per-minute limit (on the platform such a dashboard would starve the coordinator).
  const server = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey, namespaceLimits: { concurrent: 120, perMinute: 1_000_000 } });
  invoker.bind(new OpenWhiskInvoker({ apiHost: server.url, namespace: 'catalyst', apiKey }));
  const basic = `Basic ${Buffer.from(apiKey).toString('base64')}`;
  try {
    const login = await fetch(server.webUrl('reporting/auth'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'login', password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const tick = async () => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/namespaces/catalyst/actions/coordinator/tick?blocking=true&result=true`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: '{}' });
      await res.text();
      return performance.now() - t0;
    };
    const ticks = async () => {
      const out: number[] = [];
      for (let i = 0; i < TICKS; i++) out.push(await tick());
      return out;
    };
    await tick(); // warm: the first tick builds every composition
    const idle = await ticks();
    let stop = false;
    let served = 0;
    const pages = ['reporting/summary', 'reporting/positions', 'reporting/trades', 'reporting/equity', 'reporting/cycles', 'reporting/orders', 'reporting/news', 'reporting/performance'];
    const clients = Array.from({ length: DASHBOARD_CLIENTS }, async (_, i) => {
      for (let n = i; !stop; n++) {
        const res = await fetch(server.webUrl(pages[n % pages.length]!), { headers: { authorization: `Bearer ${accessToken}` } }).catch(() => undefined);
        await res?.text();
        served++;
      }
    });
    const loaded = await ticks();
    stop = true;
    await Promise.all(clients);
    console.log(`  dashboard requests served during the loaded ticks: ${served}`);
    return printFigures([
      { name: 'tick p95, idle', value: p95(idle), unit: 'ms' },
      { name: `tick p95, ${DASHBOARD_CLIENTS} dashboard clients`, value: p95(loaded), unit: 'ms', target: { value: Math.round(Math.max(250, 3 * p95(idle))), better: 'lower' } },
    ]);
  } finally {
    await server.close();
    await runtime.close();
    await redis.close();
    await scratch.drop();
  }
}
