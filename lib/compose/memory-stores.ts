import type { Clock } from '../ports/clock.port.ts';
import type { StoreSet } from './store-set.ts';
import { isSameStory } from '../domain/news/similarity.ts';
import { MemoryFences } from '../adapters/memory/memory-fences.ts';
import { MemoryTradingTables } from '../adapters/memory/memory-trading-tables.ts';
import { MemoryTradingStore } from '../adapters/memory/memory-trading-store.ts';
import { MemoryTradingStateStore } from '../adapters/memory/memory-trading-state.ts';
import { MemoryReportingReader } from '../adapters/memory/memory-reporting-reader.ts';
import { MemoryDailyReports } from '../adapters/memory/memory-daily-reports.ts';
import { MemoryNewsStore } from '../adapters/memory/memory-news-store.ts';
import { MemoryAnalysisStore } from '../adapters/memory/memory-analysis-store.ts';
import { MemoryCycleStore } from '../adapters/memory/memory-cycle-store.ts';
import { MemoryServiceRuns } from '../adapters/memory/memory-service-runs.ts';
import { MemoryJsonCache } from '../adapters/memory/memory-json-cache.ts';
import { MemoryLiveSummary } from '../adapters/memory/memory-live-summary.ts';
import { MemoryLock } from '../adapters/memory/memory-lock.ts';
import { InProcessRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';

/**
 * What the stores keep. `all`: every row, as the database would (the contract tests, the dashboard over a
 * memory world). `backtest`: what a backtest can still read, so a year of ticks fits in memory. The
 * coordinator opens one cycle a tick and ticks one at a time; the use cases read only their own tick's
 * cycle (analyze: candidatesOf(cycleId); execute: signalsOf(cycleId); worker arguments: exists(cycleId);
 * the tick: lastSuccessfulAt and stageRuns, kept as aggregates; exits: latestSignals, kept per symbol). So
 * one cycle's candidates, signals and record are kept whole; of older cycles, only the signals an intent
 * names and their candidates (the trade audit that `--json` writes reads them), and the cycles' count.
 * Everything the report reads (orders, fills, trades, intents, audit, account snapshots, news) is kept.
 */
export type Retention = 'all' | 'backtest';

/** The cycles a tick's use cases read: their own (ticks run one at a time, one cycle each). */
const CYCLES_A_TICK_READS = 1;

/**
 * Every store of one backtest in memory, over the backtest's clock: the fast default of `npm run backtest`.
 * One instance of each, shared by every function of the run (as they share one database), with one fences
 * table for the lock's tokens and every fenced write. Rate budgets and TTLs run on the replayed clock, so a
 * run is the same whatever the machine's speed. `retention` says what is kept (all rows by default).
 */
export function memoryStores(options: { clock: Clock; retention?: Retention }): StoreSet {
  const { clock } = options;
  const retain = options.retention ?? 'all';
  if (retain !== 'all' && retain !== 'backtest') throw new Error(`retention: expected 'all' or 'backtest', got ${JSON.stringify(retain)}`);
  const fences = new MemoryFences();
  const tables = new MemoryTradingTables(fences, clock.now());
  const news = new MemoryNewsStore((a, b) => isSameStory(a, b));
  const window = retain === 'backtest' ? { keepCycles: CYCLES_A_TICK_READS } : {};
  const analysis = new MemoryAnalysisStore(retain === 'backtest' ? { ...window, keepSignal: (id) => tables.intentSignals.has(id) } : {});
  const cycles = new MemoryCycleStore(fences, window);
  const set = {
    news: news,
    analysis,
    trading: new MemoryTradingStore(tables),
    state: new MemoryTradingStateStore(tables),
    cycles,
    reporting: new MemoryReportingReader(tables, { analysis, news, cycles }),
    runs: new MemoryServiceRuns(),
    rateLimiter: new InProcessRateLimiter(clock),
    tickLock: new MemoryLock(clock, fences),
    liveSummary: new MemoryLiveSummary(clock),
    jsonCache: new MemoryJsonCache(clock),
    dailyReports: new MemoryDailyReports(),
  };
  return {
    news: () => set.news,
    analysis: () => set.analysis,
    trading: () => set.trading,
    state: () => set.state,
    cycles: () => set.cycles,
    reporting: () => set.reporting,
    runs: () => set.runs,
    rateLimiter: () => set.rateLimiter,
    tickLock: () => set.tickLock,
    liveSummary: () => set.liveSummary,
    jsonCache: () => set.jsonCache,
    dailyReports: () => set.dailyReports,
  };
}
