import path from 'node:path';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { fail, parseCli, requireWindow } from './cli-support.ts';
import { openStudyHistory } from './study-history.ts';
import { runLookaheadCheck } from '../scheduler/lookahead.ts';
import { syntheticReplayFeed } from '../lib/adapters/replay/synthetic-replay-feed.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { loadConfig } from '../lib/config/load-config.ts';

/**
 * `npm run study -- lookahead --from D --to D [--symbols A,B] [--synthetic]`: backtests the window twice, over
 * the full history and over the history cut at each decision time, and lists every decision that differs
 * (exit 1 when any does). Both runs keep their state in memory; the history is the one stored in DATABASE_URL,
 * or with --synthetic the synthetic market (SIM_SEED, SIM_SYMBOLS), which needs no database.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run study -- lookahead --from YYYY-MM-DD --to YYYY-MM-DD [--symbols A,B] [--synthetic]';

const OPTIONS = { from: { type: 'string' }, to: { type: 'string' }, symbols: { type: 'string' }, synthetic: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } as const;
const values = parseCli(process.argv.slice(3), OPTIONS, USAGE);
const from = values.from ?? fail(`--from is required (the first session to replay, YYYY-MM-DD)\n${USAGE}`);
const to = values.to ?? from;
requireWindow(from, to);
if (calendarBetween(from, to).length === 0) fail(`No trading session between ${from} and ${to} (weekends and exchange holidays have none)`);
const symbols = values.symbols?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);

loadDotenv(path.join(ROOT, '.env'));
const databaseUrl = process.env.DATABASE_URL || undefined;
if (!databaseUrl && !values.synthetic) fail('The look-ahead check replays the history stored in DATABASE_URL (npm run import:history or history:download): set DATABASE_URL, or add --synthetic to check on the synthetic market.', 1);
process.env.LOG_LEVEL = 'error';
const env = loadConfig({ ...process.env, TRADING_MODE: 'backtest' }) as Extract<ReturnType<typeof loadConfig>, { TRADING_MODE: 'backtest' }>;
const say = (line: string) => console.log(line);

/** The window's history: the synthetic market handed to the feed directly, or the history stored in DATABASE_URL. */
async function loadHistory(): Promise<ReplayFeed> {
  if (values.synthetic) {
    const market = createSyntheticMarket({ seed: env.SIM_SEED, start: addDays(from, -70), symbols: env.SIM_SYMBOLS, crypto: false, newsRate: env.SIM_NEWS_RATE });
    return syntheticReplayFeed(market, { from, to, ...(symbols ? { symbols } : {}) });
  }
  const history = await openStudyHistory({ databaseUrl, synthetic: null, from, to, say });
  try {
    return await loadReplayFeed(history.repo, { from: newYorkTime(addDays(from, -70), '00:00'), to: newYorkTime(addDays(to, 1), '00:00'), ...(symbols ? { symbols } : {}), ...(history.assets ? { assets: history.assets } : {}) });
  } finally {
    await history.close();
  }
}

try {
  const feed = await loadHistory();
  if (!feed.span() || feed.assets().length === 0) throw new Error(`No history between ${addDays(from, -70)} and ${to}${symbols ? ` for ${symbols.join(', ')}` : ''}`);
  say(`Look-ahead check ${from}..${to}: ${feed.assets().length} symbols, two backtests in memory (full history, then history cut at each decision time)`);
  const result = await runLookaheadCheck({ feed, from, to, env: process.env, onRun: (run, r) => say(`  ${run}: ${r.orders.length} orders, ${r.ticks} ticks${r.failedTicks ? ` (${r.failedTicks} FAILED)` : ''} in ${(r.wallMs / 1000).toFixed(1)} s, digest ${r.digest.slice(0, 12)}`) });
  const c = result.cuts;
  say(`The system asked past now ${c.asksPastNow} times (${c.barsWithheld} bars and ${c.newsWithheld} news versions withheld, ${c.quotesMovedBack} quotes moved back to now).`);
  if (result.differences.length === 0) {
    say(`No decision differs: ${result.full.orders.length} orders, the same in both runs.${result.full.orders.length === 0 ? ' (No order was placed: nothing was compared; widen the window or the universe.)' : ''}`);
  } else {
    say(`${result.differences.length} decision(s) differ (the first 20):`);
    for (const d of result.differences.slice(0, 20)) {
      const fields = Object.entries(d.fields).map(([k, [a, b]]) => `${k} ${JSON.stringify(a)} -> ${JSON.stringify(b)}`).join(', ');
      say(`  ${new Date(d.at).toISOString()} ${d.symbol} ${d.clientOrderId}: ${d.kind}${fields ? ` (${fields})` : ''}`);
    }
  }
  process.exitCode = result.differences.length || result.full.failedTicks || result.truncated.failedTicks ? 1 : 0;
} catch (e) {
  console.error(`Look-ahead check failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
