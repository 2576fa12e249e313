import type { NewsStore } from '../ports/news-store.port.ts';
import type { AnalysisStore } from '../ports/analysis-store.port.ts';
import type { TradingStore } from '../ports/trading-store.port.ts';
import type { TradingStateStore } from '../ports/trading-state.port.ts';
import type { CycleStore } from '../ports/cycle-store.port.ts';
import type { ReportingReader } from '../ports/reporting-reader.port.ts';
import type { ServiceRunsStore } from '../ports/service-runs.port.ts';
import type { RateLimiter } from '../ports/rate-limiter.port.ts';
import type { Lock } from '../ports/lock.port.ts';
import type { LiveSummaryStore } from '../ports/live-summary.port.ts';
import type { JsonCache } from '../ports/json-cache.port.ts';
import type { DailyReportsStore } from '../ports/daily-reports.port.ts';

/**
 * Every store a runtime's functions use, as one set a host may supply instead of Postgres and Redis (the
 * in-memory world of a fast backtest). Types only: a function's bundle never carries another host's stores.
 */
export interface StoreSet {
  news(): NewsStore;
  analysis(): AnalysisStore;
  trading(): TradingStore;
  state(): TradingStateStore;
  cycles(): CycleStore;
  reporting(): ReportingReader;
  runs(): ServiceRunsStore;
  rateLimiter(): RateLimiter;
  tickLock(): Lock;
  liveSummary(): LiveSummaryStore;
  jsonCache(): JsonCache;
  dailyReports(): DailyReportsStore;
}
