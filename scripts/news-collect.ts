import path from 'node:path';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { startLocalStack } from '../scheduler/local-stack.ts';
import { setupSimClock } from '../scheduler/sim-clock.ts';
import { createRuntime, poolFor } from '../lib/compose/runtime.ts';

/**
 * `npm run news:collect -- --once`: runs news/collect once (or, without --once, every NEWS_EVERY_MINUTES)
 * with the same configuration as `npm start`, and prints what each source gave.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const once = process.argv.includes('--once');
loadDotenv(path.join(ROOT, '.env'));
process.env.TRADING_MODE ??= 'sim';
process.env.CATALYST_ROOT ??= ROOT;
let env;
try {
  env = loadConfig(process.env);
} catch (e) {
  console.error(isAppError(e) ? e.message : String(e));
  process.exit(1);
}
if (env.TRADING_MODE === 'backtest') {
  console.error('TRADING_MODE=backtest collects the replayed news inside `npm run backtest`; news:collect runs in sim, paper or live.');
  process.exit(1);
}
const stack = await startLocalStack({ env: process.env, root: ROOT, allowMemoryRedis: true, log: (l) => console.error(l) });
Object.assign(process.env, stack.env);
const fnEnv = loadConfig(process.env);
const pool = poolFor(fnEnv);
let save: (() => Promise<void>) | undefined;
let sim: Awaited<ReturnType<typeof setupSimClock>> | undefined;
if (env.TRADING_MODE === 'sim') {
  sim = await setupSimClock(pool, { seed: env.SIM_SEED, symbols: env.SIM_SYMBOLS, speed: 1, ...(env.SIM_START ? { start: env.SIM_START } : {}), realNow: Date.now() });
  save = sim.save;
  console.error(`Simulated clock ${sim.description}`);
}
const runtime = createRuntime(fnEnv, { pool, ...(sim ? { clock: sim.clock, simMarketStart: sim.marketStart } : {}) });
const main = (await import('../packages/news/collect/handler.ts')).create(runtime);

async function run(): Promise<boolean> {
  const res = await main({});
  const body = JSON.parse(res.body) as { inserted?: number; duplicates?: number; newStories?: number; skipped?: number; sources?: { source: string; fetched: number; skipped: number; error?: { code: string; message: string } }[]; error?: { code: string; message: string } };
  if (body.error) {
    console.error(`news/collect failed: ${body.error.code}: ${body.error.message}`);
    return false;
  }
  for (const s of body.sources ?? []) console.log(`${s.source.padEnd(24)} fetched ${String(s.fetched).padStart(4)}  skipped ${String(s.skipped).padStart(3)}${s.error ? `  ERROR ${s.error.code}: ${s.error.message}` : ''}`);
  console.log(`stored ${body.inserted} new version(s) (${body.newStories} new stor${body.newStories === 1 ? 'y' : 'ies'}), ${body.duplicates} already known, ${body.skipped} skipped`);
  return true;
}

let ok = await run();
if (!once) {
  console.error(`Collecting every ${env.NEWS_EVERY_MINUTES} min; Ctrl+C to stop.`);
  const timer = setInterval(() => void run(), env.NEWS_EVERY_MINUTES * 60_000);
  await new Promise<void>((resolve) => process.once('SIGINT', () => (clearInterval(timer), resolve())));
}
await save?.();
await runtime.close();
await pool.end().catch(() => undefined);
await stack.stop();
process.exitCode = ok ? 0 : 1;
ok = true;
