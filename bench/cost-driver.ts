import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { SimMarketData } from '../lib/adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../lib/adapters/sim/sim-news-source.ts';
import { SimBroker } from '../lib/adapters/sim/broker/sim-broker.ts';
import { startAlpacaFacade } from '../lib/adapters/sim/facade/alpaca-facade.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { chooseBackend } from '../lib/adapters/redis/local-endpoint/choose-backend.ts';
import { startUpstashEndpoint } from '../lib/adapters/redis/local-endpoint/server.ts';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { startRuntimeServer } from '../scheduler/web-server.ts';
import { invokeLocal } from '../scheduler/invoke.ts';
import type { LoadedFunction, MainFn } from '../scheduler/function-registry.ts';
import { FUNCTION_BUNDLE_OPTIONS } from '../scripts/build.ts';
import { ROOT } from '../test/support/sim-system.ts';

/**
 * One universe size of `npm run bench -- cost`, in its own process: the deployed bundles (`npm run build`'s
 * esbuild options, so paper mode and no simulator inside), each loaded on its own (its own module state,
 * pools and clients, as in its own container), run by the local runtime in paper mode against the Alpaca
 * facade over HTTP (the simulator's Alpaca-compatible API, as `npm run sim:alpaca` serves it), with Redis
 * behind the local Upstash-compatible endpoint counting every command. Each simulated minute fires the
 * tick; every invocation's wall time is recorded. The process's wall clock is moved to simulated time
 * (paper functions read the wall clock). Prints one `@@RESULT <json>` line.
 */
export interface CostDriverConfig {
  symbols: number;
  databaseUrl: string;
  seed: number;
  day: string;
  /** New York [from, to] windows of simulated minutes, each ticked once a minute. */
  windows: [string, string][];
}

export interface TickCost {
  at: number;
  stages: string[];
  ok: boolean;
  /** Every invocation this tick caused, the tick's own first: function id and wall milliseconds. */
  invocations: { fn: string; ms: number }[];
  redisCommands: number;
  redisRequests: number;
  /** Alpaca requests the functions sent (the rate-budget tokens they took). */
  alpacaRequests: number;
  /** Wall milliseconds with the simulator behind the facade working (in this process; deployed, Alpaca's servers). */
  simulatorMs: number;
}

const MINUTE = 60_000;

/** Times every async method of the facade's simulator (concurrent calls count once). */
function timed<T extends object>(target: T, meter: { ms: number; inFlight: number; since: number }): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      const v = Reflect.get(t, key, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (meter.inFlight++ === 0) meter.since = performance.now();
        const done = () => {
          if (--meter.inFlight === 0) meter.ms += performance.now() - meter.since;
        };
        try {
          const out = (v as (...a: unknown[]) => unknown).apply(t, args);
          if (out instanceof Promise) return out.finally(done);
          done();
          return out;
        } catch (e) {
          done();
          throw e;
        }
      };
    },
  });
}
const RealDate = Date;
let shiftMs = 0;
/** Paper functions read the wall clock: this process's is moved to the simulated minute (timers untouched). */
class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + shiftMs);
    else super(...(args as [number]));
  }
  static override now(): number {
    return RealDate.now() + shiftMs;
  }
}

async function drive(config: CostDriverConfig): Promise<{ symbols: number; ticks: TickCost[] }> {
  globalThis.Date = ShiftedDate as DateConstructor;
  const firstAt = newYorkTime(config.day, config.windows[0]![0]);
  const clock = steppingClock(firstAt);
  const market = createSyntheticMarket({ seed: config.seed, start: addDays(config.day, -40), symbols: config.symbols, crypto: true });
  const credentials = { keyId: 'PKBENCHCOST00001', secretKey: randomBytes(20).toString('hex') };
  const sim = { ms: 0, inFlight: 0, since: 0 };
  const facade = await startAlpacaFacade({
    broker: timed(new SimBroker({ feed: market, clock }), sim),
    marketData: timed(new SimMarketData(market, clock), sim),
    news: timed(new SimNewsSource(market, clock), sim),
    clock,
    credentials: [credentials],
    port: 0,
  });
  let alpacaRequests = 0;
  let redisCommands = 0;
  let redisRequests = 0;
  const trace: string[] = [];
  const inner = await chooseBackend(process.env.LOCAL_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const token = randomBytes(12).toString('hex');
  const endpoint = await startUpstashEndpoint({
    token,
    backend: {
      kind: inner.kind,
      exec: (commands, atomic) => {
        redisRequests++;
        redisCommands += commands.length; // Upstash bills every command of a pipeline or transaction
        for (const c of commands) if (/^eval/i.test(c[0] ?? '') && c[3]?.includes(':rl:alpaca')) alpacaRequests += Number(c[7] ?? 0);
        if (process.env.BENCH_COST_TRACE) for (const c of commands) trace.push(`${c[0]} ${(/^eval/i.test(c[0] ?? '') ? c[3] : c[1])?.replace(/^cost:[0-9a-f]+:/, '') ?? ''}`);
        return inner.exec(commands, atomic);
      },
      close: () => inner.close(),
    },
  });
  const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cost-bench-'));
  const require = createRequire(import.meta.url);
  const functions = new Map<string, LoadedFunction>();
  for (const f of spec.functions.filter((s) => s.web === false)) {
    const file = path.join(dir, f.id.replace('/', '-'), 'index.js');
    await build({ ...FUNCTION_BUNDLE_OPTIONS, entryPoints: [path.join(ROOT, 'packages', f.id, 'handler.ts')], outfile: file });
    functions.set(f.id, { spec: f, main: (require(file) as { main: MainFn }).main });
  }
  const apiKey = `${randomBytes(8).toString('hex')}:${randomBytes(16).toString('hex')}`;
  const invocations: TickCost['invocations'] = [];
  const server = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey, onInvocation: (l) => invocations.push({ fn: l.fn, ms: l.durationMs }) });
  Object.assign(process.env, {
    TRADING_MODE: 'paper',
    APCA_API_KEY_ID: credentials.keyId,
    APCA_API_SECRET_KEY: credentials.secretKey,
    ALPACA_TRADING_BASE_URL: facade.url,
    ALPACA_DATA_BASE_URL: facade.url,
    DATABASE_URL: config.databaseUrl,
    DATABASE_POOL_MAX: '3',
    UPSTASH_REDIS_REST_URL: endpoint.url,
    UPSTASH_REDIS_REST_TOKEN: token,
    REDIS_KEY_PREFIX: `cost:${randomBytes(4).toString('hex')}:`,
    DASHBOARD_PASSWORD_HASH: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    AUTH_TOKEN_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'error',
    CATALYST_LOCAL_API_URL: server.url,
    CATALYST_LOCAL_API_KEY: apiKey,
  });
  const tick = functions.get('coordinator/tick')!;
  const ticks: TickCost[] = [];
  try {
    for (const [from, to] of config.windows) {
      for (let at = newYorkTime(config.day, from); at <= newYorkTime(config.day, to); at += MINUTE) {
        clock.set(at);
        shiftMs = at - RealDate.now();
        invocations.length = 0;
        trace.length = 0;
        redisCommands = 0;
        redisRequests = 0;
        alpacaRequests = 0;
        sim.ms = 0;
        const out = await invokeLocal(tick, {}, 'catalyst');
        // A tick past its time limit has no result (the platform would bill it to the limit).
        const r = (out.result ?? { error: 'timed out' }) as { statusCode?: number; body?: string; error?: unknown };
        const report = r.body ? (JSON.parse(r.body) as { status?: string; stages?: { name: string; ok: boolean }[] }) : {};
        if (process.env.BENCH_VERBOSE) process.stderr.write(`${new RealDate(at).toISOString().slice(11, 16)} ${Math.round(out.durationMs)} ms ${report.status ?? JSON.stringify(r.error)} ${(report.stages ?? []).map((s) => `${s.name}${s.ok ? '' : '!'}`).join(' ')}\n`);
        if (process.env.BENCH_COST_TRACE) process.stderr.write(`${new RealDate(at).toISOString().slice(11, 16)} ${(report.stages ?? []).map((s) => s.name).join(',')}: ${trace.join(' | ')}\n`);
        ticks.push({
          at,
          stages: (report.stages ?? []).map((s) => s.name),
          ok: r.error === undefined && report.status === 'ok',
          invocations: [{ fn: 'coordinator/tick', ms: out.durationMs }, ...invocations],
          redisCommands,
          redisRequests,
          alpacaRequests,
          simulatorMs: sim.ms,
        });
      }
    }
  } finally {
    await server.close();
    await facade.close();
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { symbols: config.symbols, ticks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = JSON.parse(process.argv[2]!) as CostDriverConfig;
  drive(config).then(
    (r) => {
      process.stdout.write(`@@RESULT ${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stderr.write(`cost driver failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
