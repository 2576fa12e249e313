import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { loadDotenv } from './dotenv.ts';
import { loadConfig, modeBanner } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { startLocalStack } from './local-stack.ts';
import { loadProjectSpec } from './project-spec.ts';
import { loadFunctions } from './function-registry.ts';
import { startRuntimeServer, type RuntimeServer } from './web-server.ts';
import { startTriggers } from './trigger-runner.ts';
import { createScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { resetRuntime } from '../lib/compose/runtime.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const say = (line: string) => process.stdout.write(`[catalyst] ${line}\n`);

/** `npm start`: the whole system on one machine, on the embedded default when nothing is configured. */
async function main(): Promise<void> {
  loadDotenv(path.join(ROOT, '.env'));
  process.env.TRADING_MODE ??= 'sim';
  let env;
  try {
    env = loadConfig(process.env);
  } catch (e) {
    process.stderr.write(`\n${isAppError(e) ? e.message : String(e)}\n\n`);
    process.exit(1);
  }
  say(modeBanner(env));
  const stack = await startLocalStack({ env: process.env, root: ROOT, allowMemoryRedis: true, log: say });
  Object.assign(process.env, stack.env);
  const project = loadProjectSpec(path.join(ROOT, 'project.yml'), process.env);
  for (const [k, v] of Object.entries(project.environment)) process.env[k] ??= v;
  const functions = await loadFunctions(ROOT, project.functions);
  const apiKey = `${randomUUID()}:${randomBytes(24).toString('hex')}`;
  const serverOptions = {
    namespace: env.CATALYST_NAMESPACE,
    functions,
    apiKey,
    dashboardDir: path.join(ROOT, 'dashboard', 'dist'),
  };
  let server: RuntimeServer;
  try {
    server = await startRuntimeServer({ ...serverOptions, port: env.LOCAL_PORT });
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    say(`Port ${env.LOCAL_PORT} is in use; serving on a free port instead (set LOCAL_PORT to choose).`);
    server = await startRuntimeServer({ ...serverOptions, port: 0 });
  }
  process.env.CATALYST_LOCAL_API_URL = server.url;
  process.env.CATALYST_LOCAL_API_KEY = apiKey;
  const speed = env.TRADING_MODE === 'sim' ? env.SIM_SPEED : 1;
  const clock = createScaledClock(Date.now(), speed);
  const triggers = startTriggers({
    functions,
    namespace: env.CATALYST_NAMESPACE,
    clock,
    onFire: (e) => {
      if (!e.ok) say(`trigger ${e.trigger} -> ${e.fn} failed after ${e.durationMs} ms (see the function's log line)`);
    },
  });
  const webFns = project.functions.filter((f) => f.web !== false).map((f) => f.id);
  say(`Functions: ${project.functions.map((f) => f.id).join(', ')} (${webFns.length} on the web)`);
  say(`Database: ${stack.database === 'embedded' ? 'embedded Postgres (PGlite)' : 'PostgreSQL from DATABASE_URL'}; Redis: ${stack.redis}`);
  say(`Dashboard: ${server.url}/`);
  say(`Health:    ${server.webUrl('reporting/health')}`);
  say('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ...`);
    triggers.stop();
    await server.close();
    await resetRuntime();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`Catalyst failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
