import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { IsoDate } from '../lib/domain/time.ts';
import { calendarBetween, previousTradingDay } from '../lib/domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { openStreamingFeed } from '../lib/adapters/replay/streaming-feed.ts';
import { syntheticSessionSource } from '../lib/adapters/replay/synthetic-session-source.ts';
import { SimMarketData } from '../lib/adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../lib/adapters/sim/sim-news-source.ts';
import { printFigures, printSection } from './report.ts';

const MINUTE = 60_000;

export interface FeedMemoryOptions {
  symbols: number;
  from: IsoDate;
  sessions: number;
  /** Symbols the strategy analyses each minute (minute bars from the previous session's 13:00). */
  candidates?: number;
}

export interface FeedMemoryResult {
  sessions: number;
  bars: number;
  news: number;
  peakRssMb: number;
  /** The most the feed held in bar columns at once, MB. */
  peakHeldMb: number;
  wallMs: number;
}

/**
 * Streams `sessions` of a synthetic market of `symbols` through the streamed replay and makes the queries a
 * backtest makes: each tick (every minute from ten before the open to five after the close, every 15 minutes
 * around it) the broker's bars since the last tick and the news poll; every five minutes the candidates' minute
 * bars; every half hour snapshots of the whole universe (the scanner's request, thinned out to keep a year
 * within the bench's time: they add CPU, not memory); before each open the universe's 45 days of daily bars. Peak RSS is this process's (run it alone: see benchFeedMemory).
 */
export async function measureFeedMemory(options: FeedMemoryOptions): Promise<FeedMemoryResult> {
  const started = performance.now();
  const days = calendarBetween(options.from, addDays(options.from, 800)).slice(0, options.sessions);
  const last = days.at(-1)!.date;
  // The streamed feed keeps what it needs; the market's own bar cache would only duplicate it.
  const market = createSyntheticMarket({ seed: 1, start: addDays(options.from, -70), symbols: options.symbols, crypto: false, cacheBars: 50_000 });
  const feed = await openStreamingFeed(syntheticSessionSource(market, { from: options.from, to: last }));
  let now = newYorkTime(options.from, '00:00');
  const clock = { now: () => now };
  const data = new SimMarketData(feed, clock);
  const news = new SimNewsSource(feed, clock, 'replay');
  const symbols = feed.assets().map((a) => a.symbol);
  const candidates = symbols.slice(0, options.candidates ?? 10);
  let bars = 0;
  let items = 0;
  let peakHeld = 0;
  let prev = now;
  for (const day of days) {
    await feed.loadSession(day.date);
    peakHeld = Math.max(peakHeld, feed.held().bytes);
    const midnight = newYorkTime(day.date, '00:00');
    const yesterday = newYorkTime(previousTradingDay(day.date).date, '13:00');
    const ticks: number[] = [];
    for (let t = midnight; t < day.open - 10 * MINUTE; t += 15 * MINUTE) ticks.push(t);
    for (let t = day.open - 10 * MINUTE; t <= day.close + 5 * MINUTE; t += MINUTE) ticks.push(t);
    for (let t = day.close + 20 * MINUTE; t < midnight + 24 * 60 * MINUTE; t += 15 * MINUTE) ticks.push(t);
    for (const t of ticks) {
      now = t;
      for (const _ of feed.barsBetween(prev, t)) bars++;
      items += (await news.fetchSince({ since: prev - 10 * MINUTE })).items.length;
      if (t === day.open - 10 * MINUTE) await data.getBars({ symbols, timeframe: '1Day', start: day.close - 45 * 86_400_000, end: previousTradingDay(day.date).close });
      if (t >= day.open && t <= day.close && (t - day.open) % (5 * MINUTE) === 0) {
        await data.getBars({ symbols: candidates, timeframe: '1Min', start: yesterday, end: t });
        if ((t - day.open) % (30 * MINUTE) === 0) await data.getSnapshots(symbols);
      }
      prev = t;
    }
  }
  return { sessions: days.length, bars, news: items, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeldMb: peakHeld / 2 ** 20, wallMs: performance.now() - started };
}

/**
 * `npm run bench -- backtest` part: peak RSS of a year (252 sessions) of 500 synthetic symbols streamed
 * through the replay, measured in a child process of its own so that other benchmarks' memory does not count.
 * FEED_BENCH_SESSIONS and FEED_BENCH_SYMBOLS shrink it for a quick look.
 */
export async function benchFeedMemory(): Promise<boolean> {
  const sessions = Number(process.env.FEED_BENCH_SESSIONS ?? 252);
  const symbols = Number(process.env.FEED_BENCH_SYMBOLS ?? 500);
  printSection(`Streamed replay memory: ${symbols} synthetic symbols x ${sessions} sessions`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(symbols), String(sessions)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.log(`  the measurement failed (exit ${child.status}): ${child.stdout.slice(-500)}`);
    return false;
  }
  const r = JSON.parse(line) as FeedMemoryResult;
  console.log(`  ${r.bars} bars and ${r.news} news items replayed in ${(r.wallMs / 1000).toFixed(0)} s (wall time, machine shared)`);
  return printFigures([
    { name: 'peak RSS of the whole process', value: Math.round(r.peakRssMb), unit: 'MB', target: { value: 1024, better: 'lower' } },
    { name: 'most held in bar columns at once', value: Math.round(r.peakHeldMb), unit: 'MB' },
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [symbols, sessions] = process.argv.slice(2).map(Number);
  const result = await measureFeedMemory({ symbols: symbols!, sessions: sessions!, from: '2025-01-02' });
  console.log(JSON.stringify(result));
}
