import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { loadConfig } from '../lib/config/load-config.ts';
import type { Env } from '../lib/config/env.schema.ts';
import { startLocalStack, type LocalStack } from './local-stack.ts';
import { loadProjectSpec, type ProjectSpec } from './project-spec.ts';
import { loadFunctions } from './function-registry.ts';
import { startRuntimeServer, type RuntimeServer } from './web-server.ts';
import { startTriggers, type TriggerFiring, type TriggerTimers } from './trigger-runner.ts';
import { setupSimClock, storedSimulation } from './sim-clock.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { localDashboardSecrets } from './local-secrets.ts';
import { createScaledClock, type ScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { createRuntime, poolFor } from '../lib/compose/runtime.ts';
import { deferredInvoker } from '../lib/adapters/invoke/deferred-invoker.ts';
import { OpenWhiskInvoker } from '../lib/adapters/invoke/openwhisk-invoker.ts';
import { backtestTrialEngine } from '../lib/compose/research/trial-engine.ts';

export interface LocalSystemOptions {
  root: string;
  /** The environment (after `.env` and `TRADING_MODE` defaulting); the local stack's settings are added to it. */
  env: Record<string, string | undefined>;
  say: (line: string) => void;
  /** The wall clock as this host reads it (default `Date.now`); a test fast-forwards the idle time between ticks. */
  realNow?: () => number;
  /** The trigger runner's timers (default Node's); a test's pair with `realNow`. */
  timers?: TriggerTimers;
  /** Each scheduled firing, when it has finished (or was skipped). */
  onFire?: (e: TriggerFiring) => void;
}

export interface LocalSystem {
  /** The functions' parsed environment. */
  env: Env;
  clock: ScaledClock;
  stack: LocalStack;
  server: RuntimeServer;
  project: ProjectSpec;
  /** The one-time dashboard password of this run (null when DASHBOARD_PASSWORD_HASH is set). */
  password: string | null;
  /** sim: where the simulated clock starts or resumes, in words. */
  simClock: string | null;
  stop(): Promise<void>;
}

/**
 * What `npm start` composes after reading its settings: Postgres and Redis (local-stack), the dashboard
 * secrets, the project's functions over one runtime, the simulated clock resumed or started from the
 * database (sim), the web server with its invoke API, and the scheduled triggers. The test of a first start
 * (test/first-trade.e2e.test.ts) builds exactly this.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const { env: raw, root, say } = options;
  const realNow = options.realNow ?? Date.now;
  const env = loadConfig(raw);
  raw.CATALYST_ROOT ??= root;
  const stack = await startLocalStack({ env: raw, root, allowMemoryRedis: true, log: say });
  const stops: (() => Promise<void>)[] = [stack.stop];
  const unwind = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    Object.assign(raw, stack.env);
    const secrets = await localDashboardSecrets(raw);
    Object.assign(raw, secrets.env);
    if (env.TRADING_MODE === 'sim') await keepStoredSimulation(raw, stack.databaseUrl, say);
    const project = loadProjectSpec(path.join(root, 'project.yml'), raw);
    for (const [k, v] of Object.entries(project.environment)) raw[k] ??= v;
    // The functions' runtime: this environment, parsed once, and what only this host knows (the simulated
    // clock, the invoke API below), handed over as overrides rather than through the environment.
    const fnEnv = loadConfig(raw);
    const pool = poolFor(fnEnv);
    stops.push(() => pool.end());
    let clock = createScaledClock(realNow(), 1, realNow(), realNow);
    let saveSimClock: (() => Promise<void>) | undefined;
    let simMarketStart: string | undefined;
    let simDescription: string | null = null;
    if (fnEnv.TRADING_MODE === 'sim') {
      const sim = await setupSimClock(pool, { seed: fnEnv.SIM_SEED, symbols: fnEnv.SIM_SYMBOLS, speed: fnEnv.SIM_SPEED, ...(fnEnv.SIM_START ? { start: fnEnv.SIM_START } : {}), realNow: realNow(), wallClock: realNow });
      clock = sim.clock;
      simMarketStart = sim.marketStart;
      saveSimClock = sim.save;
      simDescription = sim.description;
    }
    const apiKey = `${randomUUID()}:${randomBytes(24).toString('hex')}`;
    const invoker = deferredInvoker('the local invoke API is not up yet');
    // research/trial runs each optimiser trial as an in-memory backtest from this environment (npm run optimize -- --remote).
    const trialEngine = backtestTrialEngine({ env: { ...raw } });
    const runtime = createRuntime(fnEnv, { pool, invoker, trialEngine, ...(env.TRADING_MODE === 'sim' ? { clock, simMarketStart } : {}) });
    stops.push(() => runtime.close());
    const functions = await loadFunctions(root, project.functions, runtime);
    const serverOptions = { namespace: env.CATALYST_NAMESPACE, functions, apiKey, dashboardDir: path.join(root, 'dashboard', 'dist') };
    let server: RuntimeServer;
    try {
      server = await startRuntimeServer({ ...serverOptions, port: env.LOCAL_PORT });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
      say(`Port ${env.LOCAL_PORT} is in use; serving on a free port instead (set LOCAL_PORT to choose).`);
      server = await startRuntimeServer({ ...serverOptions, port: 0 });
    }
    stops.push(() => server.close());
    // The coordinator reaches the workers through this server's OpenWhisk API, as deployed.
    invoker.bind(new OpenWhiskInvoker({ apiHost: server.url, namespace: env.CATALYST_NAMESPACE, apiKey }));
    const triggers = startTriggers({ functions, namespace: env.CATALYST_NAMESPACE, clock, admit: () => server.admit(), ...(options.timers ? { timers: options.timers } : {}), ...(options.onFire ? { onFire: options.onFire } : {}) });
    const saver = saveSimClock ? setInterval(() => void saveSimClock!().catch(() => undefined), 10_000) : undefined;
    stops.push(async () => {
      await triggers.stop();
      if (saver) clearInterval(saver);
      await saveSimClock?.();
    });
    return { env: fnEnv, clock, stack, server, project, password: secrets.password, simClock: simDescription, stop: unwind };
  } catch (e) {
    await unwind();
    throw e;
  }
}

/**
 * A stored simulation resumes with its own seed and universe when SIM_SEED or SIM_SYMBOLS is not set: its account
 * and orders belong to that market (a folder from before the default universe grew keeps its 50 symbols).
 */
async function keepStoredSimulation(raw: Record<string, string | undefined>, databaseUrl: string, say: (line: string) => void): Promise<void> {
  if (raw.SIM_SEED && raw.SIM_SYMBOLS) return;
  const pool = createPool({ url: databaseUrl, max: 1 });
  try {
    const stored = await storedSimulation(pool);
    if (!stored) return;
    const adopted = [!raw.SIM_SEED && `SIM_SEED=${stored.seed}`, !raw.SIM_SYMBOLS && `SIM_SYMBOLS=${stored.symbols}`].filter(Boolean);
    raw.SIM_SEED ||= String(stored.seed);
    raw.SIM_SYMBOLS ||= String(stored.symbols);
    say(`Resuming the stored simulation with its ${adopted.join(' and ')} (delete the local data folder, LOCAL_DATA_DIR, to start a new one)`);
  } finally {
    await pool.end().catch(() => undefined);
  }
}
