import type { Clock } from '../../ports/clock.port.ts';
import type { JsonCache } from '../../ports/json-cache.port.ts';
import type { LiveSummaryStore } from '../../ports/live-summary.port.ts';
import type { ReportingReader } from '../../ports/reporting-reader.port.ts';
import { drawdownCurve, performance, performanceBy, significanceWarning } from '../../domain/performance.ts';
import { renderPrometheus, type Metric } from './prometheus.ts';
import { AppError } from '../../shared/errors.ts';

export interface ReportingDeps {
  reader: ReportingReader;
  cache: JsonCache;
  live: LiveSummaryStore;
  /** The trading clock (simulated in sim): "today" and "known at" follow it. */
  clock: Clock;
  mode: string;
  /** What the figures assume (fills, latency, fees, metric definitions), shown beside them. */
  assumptions?: readonly string[];
}

const DAY = 86_400_000;

/** Equity, day P&L, open positions, trading state and the last tick. */
export async function summaryView(deps: ReportingDeps) {
  const [account, state, positions, cycles, live] = await Promise.all([
    deps.reader.latestAccount(),
    deps.reader.tradingState(),
    deps.reader.positions(),
    deps.reader.cycles(1),
    deps.live.read().catch(() => null),
  ]);
  return {
    mode: deps.mode,
    now: deps.clock.now(),
    equity: account?.equity ?? null,
    cash: account?.cash ?? null,
    buyingPower: account?.buyingPower ?? null,
    dayPnlUsd: account ? account.equity - account.lastEquity : null,
    dayPnlPct: account && account.lastEquity > 0 ? account.equity / account.lastEquity - 1 : null,
    openPositions: positions.length,
    tradingState: state,
    lastTick: cycles[0] ?? null,
    live,
  };
}

/** The equity curve with its running drawdown (cached briefly: it is the heaviest read). */
export async function equityView(deps: ReportingDeps, days: number) {
  const from = deps.clock.now() - days * DAY;
  return deps.cache.getOrCompute(`equity:${days}`, 15, async () => {
    const points = await deps.reader.equity(from, 2000);
    return { points: drawdownCurve(points) };
  });
}

/** Performance overall and by day and week. */
export async function performanceView(deps: ReportingDeps, days: number) {
  const from = deps.clock.now() - days * DAY;
  return deps.cache.getOrCompute(`performance:${days}`, 30, async () => {
    const [trades, equity] = await Promise.all([deps.reader.closedTrades(from), deps.reader.equity(from, 100_000)]);
    const overall = performance(trades, equity);
    const warning = significanceWarning(overall.trades);
    return { overall, byDay: performanceBy('day', trades, equity), byWeek: performanceBy('week', trades, equity), assumptions: deps.assumptions ?? [], warnings: warning ? [warning] : [] };
  });
}

/** Candidates and their signals for a cycle (the latest with candidates by default). */
export async function candidatesView(deps: ReportingDeps, cycleId: number | undefined) {
  const id = cycleId ?? (await deps.reader.latestCycleWithCandidates());
  return { cycleId: id, candidates: id === null ? [] : await deps.reader.candidates(id) };
}

/** The decision audit of one trade. */
export async function auditView(deps: ReportingDeps, tradeId: number) {
  const audit = await deps.reader.tradeAudit(tradeId);
  if (!audit) throw new AppError('NOT_FOUND', `No trade ${tradeId}`);
  return audit;
}

/** Prometheus metrics: equity, positions, P&L, cycles, trading state, staleness. */
export async function metricsText(deps: ReportingDeps): Promise<string> {
  const m = await deps.reader.metrics();
  const metrics: Metric[] = [
    { name: 'catalyst_equity_usd', help: 'Account equity at the last reconcile (USD)', type: 'gauge', value: m.equity },
    { name: 'catalyst_open_positions', help: 'Open positions', type: 'gauge', value: m.open_positions },
    { name: 'catalyst_closed_trades_total', help: 'Closed round trips', type: 'counter', value: m.closed_trades },
    { name: 'catalyst_realized_pnl_usd', help: 'Realized P&L of closed round trips (USD)', type: 'gauge', value: m.realized_pnl },
    { name: 'catalyst_unsettled_intents', help: 'Intents whose broker outcome is not known yet', type: 'gauge', value: m.unsettled_intents },
    { name: 'catalyst_news_items_total', help: 'Stored news item versions', type: 'counter', value: m.news_items },
    { name: 'catalyst_cycles_total', help: 'Coordinator cycles', type: 'counter', value: m.cycles },
    { name: 'catalyst_cycles_failed_total', help: 'Coordinator cycles that failed entirely', type: 'counter', value: m.failed_cycles },
    { name: 'catalyst_last_ok_cycle_timestamp_seconds', help: 'When the last successful cycle finished (unix seconds)', type: 'gauge', value: m.last_ok_cycle },
    ...['ACTIVE', 'REDUCING', 'HALTED'].map((s): Metric => ({ name: 'catalyst_trading_state', help: 'Trading state (1 for the current one)', type: 'gauge', value: m.state === s ? 1 : 0, labels: { state: s } })),
  ];
  return renderPrometheus(metrics);
}
