import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { CallCounters, type CallCounts } from './call-counters.ts';
import { bodyOf, importMains, ROOT, steppingClock, WORKER_IDS, type Main } from '../test/support/sim-system.ts';
import type { Invoker } from '../lib/ports/invoker.port.ts';
import { chooseBackend } from '../lib/adapters/redis/local-endpoint/choose-backend.ts';
import { startUpstashEndpoint } from '../lib/adapters/redis/local-endpoint/server.ts';
import { InProcessInvoker } from '../lib/adapters/invoke/in-process-invoker.ts';
import { createRuntime, type Runtime } from '../lib/compose/runtime.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { getWorld } from '../lib/compose/world.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { loadFunctions } from '../scheduler/function-registry.ts';
import { startRuntimeServer } from '../scheduler/web-server.ts';
import { startAlpacaFacade } from '../lib/adapters/sim/facade/alpaca-facade.ts';
import { FUNCTION_BUNDLE_OPTIONS } from '../scripts/build.ts';
import type { TickReport } from '../lib/app/coordinator/run-tick.ts';

/**
 * One universe size of `npm run bench tick`, in its own process (the composition is built once per
 * process, as in a warm container): the real coordinator tick once a simulated minute through the morning,
 * then the measured ticks with their wall time and round trips; optionally the peak memory of every
 * function handling a realistic invocation in a fresh process. Prints one `@@RESULT <json>` line.
 */

export interface DriverConfig {
  symbols: number;
  databaseUrl: string;
  seed: number;
  day: string;
  /** New York times: first tick, first measured tick, last measured tick. */
  from: string;
  measureFrom: string;
  measureTo: string;
  memory: boolean;
}

export interface MeasuredTick {
  at: number;
  /** Every stage of the trading window ran: reconcile, news, scan, analyze, execute, exit management. */
  full: boolean;
  wallMs: number;
  calls: CallCounts;
  marketDataCalls: number;
  stages: { name: string; ms: number; counts: Record<string, number> }[];
  /** Each worker invocation: wall time, and the part of it spent inside the simulated broker. */
  invocations: { fn: string; ms: number; brokerMs: number }[];
}

export interface MemoryFigure {
  fn: string;
  what: string;
  status: number;
  peakRssMb: number;
  wallMs: number;
}

export interface DriverResult {
  symbols: number;
  warmupMs: number;
  ticks: MeasuredTick[];
  memory: MemoryFigure[];
  baselineRssMb: number;
}

const MINUTE = 60_000;
// Log lines share stdout: the figures are the line after the marker. VmHWM is the process's peak RSS.
const INVOKE = `const fs=require('fs');const m=require(process.argv[1]);const t=Date.now();const hwm=()=>Number((/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status','utf8'))||[])[1]||process.resourceUsage().maxRSS);const out=(o)=>{process.stdout.write('\\n@@FIGURES '+JSON.stringify({...o,peakKb:hwm(),ms:Date.now()-t})+'\\n');process.exit(0)};m.main(JSON.parse(process.argv[2]),{getRemainingTimeInMillis:()=>55000}).then(r=>out({status:r.statusCode,body:r.statusCode===200?'':String(r.body).slice(0,300)}),e=>out({status:-1,body:String(e)}))`;

async function drive(config: DriverConfig): Promise<DriverResult> {
  const counters = new CallCounters();
  const backend = counters.countingBackend(await chooseBackend(process.env.LOCAL_REDIS_URL ?? 'redis://127.0.0.1:6379'));
  const token = randomBytes(12).toString('hex');
  const endpoint = await startUpstashEndpoint({ backend, token });
  const env: Record<string, string> = {
    TRADING_MODE: 'sim',
    DATABASE_URL: config.databaseUrl,
    DATABASE_POOL_MAX: '3',
    UPSTASH_REDIS_REST_URL: endpoint.url,
    UPSTASH_REDIS_REST_TOKEN: token,
    REDIS_KEY_PREFIX: `bench:${randomBytes(4).toString('hex')}:`,
    LOG_LEVEL: 'error',
    SIM_SEED: String(config.seed),
    SIM_SYMBOLS: String(config.symbols),
    // The news rate the bench's figures were first measured at (the default has since risen to 20).
    SIM_NEWS_RATE: '4',
  };
  const clock = steppingClock(newYorkTime(config.day, config.from));
  const mains = new Map<string, Main>();
  const inProcess = new InProcessInvoker(mains);
  const calls: MeasuredTick['invocations'] = [];
  const invoker: Invoker = {
    invoke: async (fn, params, options) => {
      const started = performance.now();
      const { value, brokerMs } = await counters.invocationScope(() => inProcess.invoke(fn, params, options));
      calls.push({ fn, ms: performance.now() - started, brokerMs });
      return value as never;
    },
  };
  const runtime = createRuntime(loadConfig({ ...process.env, ...env }), { clock, simMarketStart: addDays(config.day, -60), invoker });
  for (const [id, main] of await importMains([...WORKER_IDS, 'coordinator/tick'], runtime)) mains.set(id, main);
  counters.wrapPool(runtime.pool());
  const world = getWorld(runtime);
  counters.wrapBroker(world.broker);
  const tick = mains.get('coordinator/tick')!;
  const dataCalls = () => world.marketData.stats?.().calls ?? 0;

  const started = performance.now();
  const first = newYorkTime(config.day, config.measureFrom);
  for (let at = newYorkTime(config.day, config.from); at < first; at += MINUTE) {
    clock.set(at);
    const t0 = performance.now();
    const report = bodyOf<TickReport>(await tick({}));
    if (process.env.BENCH_VERBOSE) process.stderr.write(`${new Date(at).toISOString().slice(11, 16)} ${Math.round(performance.now() - t0)} ms ${report.stages.map((s) => `${s.name}:${s.ms}`).join(' ')}\n`);
  }
  const warmupMs = performance.now() - started;
  const ticks: MeasuredTick[] = [];
  for (let at = first; at <= newYorkTime(config.day, config.measureTo); at += MINUTE) {
    clock.set(at);
    counters.take();
    calls.length = 0;
    const data0 = dataCalls();
    const t0 = performance.now();
    const report = bodyOf<TickReport>(await tick({}));
    const wallMs = performance.now() - t0;
    if (report.status !== 'ok') throw new Error(`tick at ${new Date(at).toISOString()} was ${report.status}: ${JSON.stringify(report.stages.filter((s) => !s.ok))}`);
    ticks.push({
      at,
      full: report.stages.some((s) => s.name === 'scan') && report.stages.some((s) => s.name === 'news'),
      wallMs,
      calls: counters.take(),
      marketDataCalls: dataCalls() - data0,
      stages: report.stages.map((s) => ({ name: s.name, ms: s.ms, counts: s.counts })),
      invocations: [...calls],
    });
  }
  const memory = config.memory ? await measureMemory(config, env, clock, mains, runtime) : [];
  const baseline = `process.stdout.write(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1])`;
  const baselineRssMb = Math.round(Number((await promisify(execFile)(process.execPath, ['-e', baseline])).stdout) / 1024);
  await runtime.close();
  await endpoint.close();
  return { symbols: config.symbols, warmupMs, ticks, memory, baselineRssMb };
}

/** Bundles a function exactly as `npm run build` does (deployed: paper or live, no simulator inside). */
async function bundle(id: string, dir: string): Promise<string> {
  const file = path.join(dir, id.replace('/', '-'), 'index.js');
  await build({ ...FUNCTION_BUNDLE_OPTIONS, entryPoints: [path.join(ROOT, 'packages', id, 'handler.ts')], outfile: file });
  return file;
}

// Deployed functions read the wall clock; the market they trade is the simulator's, at its simulated time.
// This preload moves the child's wall clock there (timers and performance.now are untouched).
const SHIFT_CLOCK = `const R=Date,o=Number(process.env.BENCH_CLOCK_SHIFT_MS);class D extends R{constructor(...a){if(a.length===0)super(R.now()+o);else super(...a)}static now(){return R.now()+o}}globalThis.Date=D;`;

/**
 * Peak memory (VmHWM, which exec resets; ru_maxrss would carry this process's size into the child) of each
 * function handling one realistic invocation at the current simulated time, each in a fresh process running
 * its deployed bundle in paper mode: Alpaca's API is the simulator's Alpaca-compatible facade served from
 * this process, so the figure is the function's own, not the simulator's. The coordinator's workers are
 * served by this process over the local runtime's invoke API, so the tick's figure is the coordinator's.
 */
async function measureMemory(config: DriverConfig, env: Record<string, string>, clock: ReturnType<typeof steppingClock>, mains: Awaited<ReturnType<typeof importMains>>, runtime: Runtime): Promise<MemoryFigure[]> {
  // The next full tick's minute: what the tick will do, and what each worker is asked, at that time.
  const at = clock.now() + 5 * MINUTE;
  clock.set(at);
  const pool = runtime.pool();
  const { rows: [cycle] } = await pool.query<{ id: string }>(`SELECT cycle_id AS id FROM candidates ORDER BY cycle_id DESC LIMIT 1`);
  const cycleId = Number(cycle!.id);
  const { rows: cands } = await pool.query<{ symbol: string }>(`SELECT symbol FROM candidates WHERE cycle_id = $1 AND NOT blocked ORDER BY rank LIMIT 25`, [cycleId]);
  const world = getWorld(runtime);
  const symbols = cands.length ? cands.map((c) => c.symbol) : [world.market!.assets()[0]!.symbol];
  const detections = bodyOf<{ detections: Record<string, unknown[]> }>(await mains.get('patterns/detect')!({ cycleId, symbols })).detections;
  const cases: { fn: string; what: string; args: Record<string, unknown> }[] = [
    { fn: 'trading/reconcile', what: 'reconcile', args: {} },
    { fn: 'news/collect', what: 'first collect of the source (6 h of news)', args: {} },
    { fn: 'scanner/scan', what: 'refresh (a month of daily bars of the universe)', args: { mode: 'refresh' } },
    { fn: 'scanner/scan', what: `scan of ${config.symbols} symbols`, args: { mode: 'scan', cycleId } },
    { fn: 'patterns/detect', what: `batch of ${symbols.length}`, args: { cycleId, symbols } },
    { fn: 'technical/signals', what: `batch of ${symbols.length}`, args: { cycleId, symbols, detections } },
    { fn: 'trading/execute', what: 'entries', args: { cycleId, mode: 'entries' } },
    { fn: 'trading/execute', what: 'exits', args: { cycleId, mode: 'exits' } },
    { fn: 'coordinator/tick', what: 'full tick (workers in other processes)', args: {} },
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tick-bench-'));
  const shift = path.join(dir, 'shift-clock.cjs');
  writeFileSync(shift, SHIFT_CLOCK);
  const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), {});
  const functions = await loadFunctions(ROOT, spec.functions.filter((f) => WORKER_IDS.includes(f.id)), runtime);
  const apiKey = `${randomBytes(8).toString('hex')}:${randomBytes(16).toString('hex')}`;
  const server = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey });
  const credentials = { keyId: 'PKBENCHFACADE0001', secretKey: randomBytes(20).toString('hex') };
  const facade = await startAlpacaFacade({ broker: world.broker, marketData: world.marketData, news: world.newsSources()[0]!, clock, credentials: [credentials], port: 0 });
  const out: MemoryFigure[] = [];
  try {
    const files = new Map<string, string>();
    for (const c of cases) if (!files.has(c.fn)) files.set(c.fn, await bundle(c.fn, dir));
    for (const c of cases) {
      const childEnv = {
        PATH: process.env.PATH ?? '',
        ...env,
        TRADING_MODE: 'paper',
        APCA_API_KEY_ID: credentials.keyId,
        APCA_API_SECRET_KEY: credentials.secretKey,
        ALPACA_TRADING_BASE_URL: facade.url,
        ALPACA_DATA_BASE_URL: facade.url,
        DASHBOARD_PASSWORD_HASH: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
        AUTH_TOKEN_SECRET: randomBytes(24).toString('hex'),
        FUNCTIONS_API_HOST: server.url,
        FUNCTIONS_API_KEY: apiKey,
        __OW_NAMESPACE: 'catalyst',
        BENCH_CLOCK_SHIFT_MS: String(at - Date.now()),
      };
      const { stdout } = await promisify(execFile)(process.execPath, ['--require', shift, '-e', INVOKE, files.get(c.fn)!, JSON.stringify(c.args)], { env: childEnv, maxBuffer: 16 << 20 });
      const line = stdout.split('\n').find((l) => l.startsWith('@@FIGURES '));
      if (!line) throw new Error(`${c.fn} (${c.what}) printed no figures: ${stdout.slice(-1000)}`);
      const r = JSON.parse(line.slice('@@FIGURES '.length)) as { status: number; peakKb: number; ms: number; body: string };
      if (r.status !== 200) process.stderr.write(`${c.fn} (${c.what}) answered ${r.status}: ${r.body}\n${stdout.slice(-1500)}\n`);
      out.push({ fn: c.fn, what: c.what, status: r.status, peakRssMb: Math.round(r.peakKb / 1024), wallMs: r.ms });
    }
  } finally {
    await facade.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = JSON.parse(process.argv[2]!) as DriverConfig;
  drive(config).then(
    (r) => {
      process.stdout.write(`@@RESULT ${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stderr.write(`tick driver failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
