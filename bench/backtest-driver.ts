import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { runBacktest, type BacktestResult } from '../lib/compose/backtest/run-backtest.ts';
import { openStreamingFeed } from '../lib/adapters/replay/streaming-feed.ts';
import { syntheticSessionSource } from '../lib/adapters/replay/synthetic-session-source.ts';
import type { SessionSource } from '../lib/adapters/replay/session-source.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { memoryStores } from '../lib/compose/memory-stores.ts';
import type { StoreSet } from '../lib/compose/store-set.ts';
import { createReplayFeed, type ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { parseBarCsv } from '../lib/adapters/replay/bar-csv.import.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { chooseBackend } from '../lib/adapters/redis/local-endpoint/choose-backend.ts';
import { startUpstashEndpoint } from '../lib/adapters/redis/local-endpoint/server.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { SHARED_DATA } from '../test/support/shared-data.ts';
import { BENCH_DATABASE_URL, scratchSchema } from './scratch-db.ts';

/**
 * One scenario of `npm run bench -- backtest`, in its own process so its peak RSS is its own: the real
 * runBacktest over the in-memory stores, or over a scratch Postgres schema and Redis when those are not
 * merged yet (--db). Prints one `@@RESULT <json>` line. Run it alone with `--cpu-prof` to see where time goes.
 */
export interface DriverScenario {
  name: 'real' | 'synthetic';
  from: string;
  to: string;
  /** synthetic: universe size and seed (news at the default rate). */
  symbols?: number;
  seed?: number;
}

export interface DriverResult {
  storage: 'memory' | 'postgres';
  feedMs: number;
  sessions: number;
  bars: number;
  ticks: number;
  failedTicks: number;
  wallMs: number;
  /** Of wallMs, setting up the runtime before the first session. */
  startupMs: number;
  /** Before the run: starting the process and loading the modules (the feed's build excluded). */
  loadMs: number;
  orders: number;
  filledOrders: number;
  trades: number;
  netPnlUsd: number;
  peakRssMb: number;
  /** Milliseconds the run itself spent loading sessions from the session source (synthetic: generating them). */
  sourceMsInRun: number;
  stageTotals: BacktestResult['stageTotals'];
  errors: string[];
}

function realFeed(s: DriverScenario): ReplayFeed {
  const from = newYorkTime(addDays(s.from, -70), '00:00');
  const to = newYorkTime(addDays(s.to, 1), '00:00');
  const series = ['SPY_Minute_2021.csv', 'UPRO_Minute_2021.csv'].map((file) => {
    const parsed = parseBarCsv(readFileSync(path.join(SHARED_DATA, 'bars/minute', file), 'utf8'), { file });
    return { symbol: parsed.bars[0]!.symbol, timeframe: parsed.bars[0]!.timeframe, bars: parsed.bars.map((b) => b.bar).filter((b) => b.t >= from && b.t < to) };
  });
  return createReplayFeed({ series });
}

/** A session source that adds up the time spent in its loads (the bench's own measure, not the backtest's). */
function timed(source: SessionSource, spent: { ms: number }): SessionSource {
  return {
    plan: () => source.plan(),
    load: async (window) => {
      const t0 = performance.now();
      try {
        return await source.load(window);
      } finally {
        spent.ms += performance.now() - t0;
      }
    },
  };
}

function syntheticFeed(s: DriverScenario, spent: { ms: number }): Promise<ReplayFeed> {
  // Streamed a session at a time (never the whole history in memory), as `npm run backtest -- --synthetic` does.
  const market = createSyntheticMarket({ seed: s.seed ?? 42, start: addDays(s.from, -70), symbols: s.symbols ?? 500, crypto: false, cacheBars: 50_000 });
  return openStreamingFeed(timed(syntheticSessionSource(market, { from: s.from, to: s.to }), spent));
}

async function drive(s: DriverScenario): Promise<DriverResult> {
  const clock = steppingClock(newYorkTime(s.from, '00:00'));
  let stores: StoreSet | undefined;
  try {
    stores = memoryStores({ clock, retention: 'backtest' });
  } catch {
    stores = undefined;
  }
  const env: Record<string, string | undefined> = { ...process.env, TRADING_MODE: 'backtest', LOG_LEVEL: 'error', DATABASE_URL: undefined };
  const cleanup: (() => Promise<unknown>)[] = [];
  if (!stores) {
    const scratch = await scratchSchema(BENCH_DATABASE_URL);
    cleanup.push(scratch.drop);
    const token = randomBytes(12).toString('hex');
    const endpoint = await startUpstashEndpoint({ backend: await chooseBackend(process.env.LOCAL_REDIS_URL ?? 'redis://127.0.0.1:6379'), token });
    cleanup.push(() => endpoint.close());
    Object.assign(env, { DATABASE_URL: scratch.url, DATABASE_POOL_MAX: '3', UPSTASH_REDIS_REST_URL: endpoint.url, UPSTASH_REDIS_REST_TOKEN: token, REDIS_KEY_PREFIX: `bench:${token.slice(0, 8)}:` });
  }
  try {
    const t0 = performance.now();
    const spent = { ms: 0 };
    const feed = s.name === 'real' ? realFeed(s) : await syntheticFeed(s, spent);
    const feedMs = performance.now() - t0;
    const sourceMsBefore = spent.ms;
    // Milliseconds since this process started: node and tsx, loading every module (the engine loads the functions
    // it runs when imported) and building the feed; the feed's share is reported on its own.
    const processMs = performance.now();
    const r = await runBacktest({ feed, from: s.from, to: s.to, env, clock, ...(stores ? { stores } : {}) });
    return {
      storage: stores ? 'memory' : 'postgres',
      feedMs,
      sessions: r.days.length,
      bars: r.bars,
      ticks: r.ticks,
      failedTicks: r.failedTicks,
      wallMs: r.wallMs,
      startupMs: r.startupMs,
      loadMs: processMs - feedMs,
      orders: r.orders.length,
      filledOrders: r.orders.filter((o) => o.filledQty > 0).length,
      trades: r.performance.trades,
      netPnlUsd: r.performance.netPnlUsd,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      sourceMsInRun: spent.ms - sourceMsBefore,
      stageTotals: r.stageTotals,
      errors: r.errors,
    };
  } finally {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  }
}

/** The sessions a scenario spans (for the bench's own lines). */
export function sessionsOf(s: DriverScenario): number {
  return calendarBetween(s.from, s.to).length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const scenario = JSON.parse(process.argv[2] ?? '{}') as DriverScenario;
  const result = await drive(scenario);
  process.stdout.write(`\n@@RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}
