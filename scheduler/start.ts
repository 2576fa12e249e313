import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { loadDotenv } from './dotenv.ts';
import { loadConfig, modeBanner } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { startLocalStack } from './local-stack.ts';
import { loadProjectSpec } from './project-spec.ts';
import { refuseWhatTheDeployerRefuses } from './deploy-rules/start-gate.ts';
import { loadFunctions } from './function-registry.ts';
import { startRuntimeServer, type RuntimeServer } from './web-server.ts';
import { startTriggers } from './trigger-runner.ts';
import { setupSimClock } from './sim-clock.ts';
import { localDashboardSecrets } from './local-secrets.ts';
import { describeTick } from './console-summary.ts';
import { routeJsonLogs } from './log-router.ts';
import { createScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { createRuntime, poolFor } from '../lib/compose/runtime.ts';
import { deferredInvoker } from '../lib/adapters/invoke/deferred-invoker.ts';
import { OpenWhiskInvoker } from '../lib/adapters/invoke/openwhisk-invoker.ts';
import { backtestTrialEngine } from './research/trial-engine.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const say = (line: string) => process.stdout.write(`[catalyst] ${line}\n`);

/** `npm start`: the whole system on one machine, on the embedded default when nothing is configured. */
async function main(): Promise<void> {
  const shellEnv = { ...process.env };
  loadDotenv(path.join(ROOT, '.env'));
  process.env.TRADING_MODE ??= 'sim';
  let env;
  try {
    env = loadConfig(process.env);
  } catch (e) {
    process.stderr.write(`\n${isAppError(e) ? e.message : String(e)}\n\n`);
    process.exit(1);
  }
  if (env.TRADING_MODE === 'backtest') {
    process.stderr.write('\nTRADING_MODE=backtest replays stored history as fast as the machine goes: run `npm run backtest -- --from <date> --to <date>`.\n`npm start` runs sim (the default), paper or live.\n\n');
    process.exit(1);
  }
  refuseWhatTheDeployerRefuses(ROOT, shellEnv, say);
  say(modeBanner(env));
  // The functions log JSON lines (as deployed); a person gets the summary, warnings and errors in words.
  const logFile = path.resolve(ROOT, env.LOCAL_DATA_DIR ?? '.data', 'logs', 'catalyst.log');
  const router = process.env.LOG_FORMAT === 'json' ? undefined : routeJsonLogs(logFile, (line) => say(line));
  process.env.CATALYST_ROOT ??= ROOT;
  const stack = await startLocalStack({ env: process.env, root: ROOT, allowMemoryRedis: true, log: say });
  Object.assign(process.env, stack.env);
  const secrets = await localDashboardSecrets(process.env);
  Object.assign(process.env, secrets.env);
  const project = loadProjectSpec(path.join(ROOT, 'project.yml'), process.env);
  for (const [k, v] of Object.entries(project.environment)) process.env[k] ??= v;
  // The functions' runtime: this environment, parsed once, and what only this host knows (the simulated
  // clock, the invoke API below), handed over as overrides rather than through the environment.
  const fnEnv = loadConfig(process.env);
  const pool = poolFor(fnEnv);
  let clock = createScaledClock(Date.now(), 1);
  let saveSimClock: (() => Promise<void>) | undefined;
  let simMarketStart: string | undefined;
  if (env.TRADING_MODE === 'sim') {
    const sim = await setupSimClock(pool, { seed: env.SIM_SEED, symbols: env.SIM_SYMBOLS, speed: env.SIM_SPEED, ...(env.SIM_START ? { start: env.SIM_START } : {}), realNow: Date.now() });
    clock = sim.clock;
    simMarketStart = sim.marketStart;
    saveSimClock = sim.save;
    say(`Simulated clock ${sim.description}`);
  }
  const apiKey = `${randomUUID()}:${randomBytes(24).toString('hex')}`;
  const invoker = deferredInvoker('the local invoke API is not up yet');
  // research/trial runs each optimiser trial as an in-memory backtest from this environment (npm run optimize -- --remote).
  const trialEngine = backtestTrialEngine({ root: ROOT, env: { ...process.env } });
  const runtime = createRuntime(fnEnv, { pool, invoker, trialEngine, ...(env.TRADING_MODE === 'sim' ? { clock, simMarketStart } : {}) });
  const functions = await loadFunctions(ROOT, project.functions, runtime);
  const serverOptions = { namespace: env.CATALYST_NAMESPACE, functions, apiKey, dashboardDir: path.join(ROOT, 'dashboard', 'dist') };
  let server: RuntimeServer;
  try {
    server = await startRuntimeServer({ ...serverOptions, port: env.LOCAL_PORT });
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    say(`Port ${env.LOCAL_PORT} is in use; serving on a free port instead (set LOCAL_PORT to choose).`);
    server = await startRuntimeServer({ ...serverOptions, port: 0 });
  }
  // The coordinator reaches the workers through this server's OpenWhisk API, as deployed.
  invoker.bind(new OpenWhiskInvoker({ apiHost: server.url, namespace: env.CATALYST_NAMESPACE, apiKey }));
  const triggers = startTriggers({
    functions,
    namespace: env.CATALYST_NAMESPACE,
    clock,
    onFire: (e) => {
      if (e.skipped) return;
      say(describeTick(e));
    },
  });
  const saver = saveSimClock ? setInterval(() => void saveSimClock!().catch(() => undefined), 10_000) : undefined;
  const webFns = project.functions.filter((f) => f.web !== false).map((f) => f.id);
  say(`Functions: ${project.functions.length} (${webFns.length} on the web); database: ${stack.database === 'embedded' ? 'embedded Postgres (PGlite)' : 'PostgreSQL from DATABASE_URL'}; Redis: ${stack.redis}`);
  say(`Dashboard: ${server.url}/`);
  say(`Health:    ${server.webUrl('reporting/health')}`);
  if (secrets.password) say(`Dashboard password for this run: ${secrets.password}   (set DASHBOARD_PASSWORD_HASH to choose your own: npm run auth:hash)`);
  say(`Open ${server.url}/ in a browser and log in: Overview shows the trading state; Trades opens each trade's decision audit (why this entry, why this exit); Candidates and Cycles show why the bot takes or skips each trade.`);
  if (router) say(`Logs (JSON lines): ${path.relative(process.cwd(), router.file) || router.file}   (LOG_FORMAT=json prints them here instead)`);
  say('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ...`);
    triggers.stop();
    if (saver) clearInterval(saver);
    await saveSimClock?.().catch(() => undefined);
    await server.close();
    await runtime.close();
    await pool.end().catch(() => undefined);
    await stack.stop();
    await router?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  // A known problem (configuration, a dependency) is one message; the stack only for a bug, or with LOG_LEVEL=debug.
  const known = isAppError(e);
  const text = e instanceof Error ? (known && process.env.LOG_LEVEL !== 'debug' ? e.message : (e.stack ?? e.message)) : String(e);
  process.stderr.write(`\nCatalyst failed to start: ${text}\n\n`);
  process.exit(1);
});
