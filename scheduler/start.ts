import path from 'node:path';
import { loadDotenv } from './dotenv.ts';
import { loadConfig, modeBanner } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { refuseWhatTheDeployerRefuses } from './deploy-rules/start-gate.ts';
import { describeTick } from './console-summary.ts';
import { routeJsonLogs } from './log-router.ts';
import { startLocalSystem, type LocalSystem } from './local-system.ts';
import { readyLines, tickNarrator } from './ready-lines.ts';

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
  let system: LocalSystem | undefined;
  const narrate = tickNarrator(() => system!);
  system = await startLocalSystem({
    root: ROOT,
    env: process.env,
    say,
    onFire: (e) => {
      if (e.skipped) return;
      say(describeTick(e));
      for (const line of narrate(e)) say(line);
    },
  });
  for (const line of readyLines(system, router?.file)) say(line);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ...`);
    await system?.stop();
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
