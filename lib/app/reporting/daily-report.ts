import type { Clock } from '../../ports/clock.port.ts';
import type { Notifier } from '../../ports/notifier.port.ts';
import type { ReportingReader } from '../../ports/reporting-reader.port.ts';
import { performance, significanceWarning } from '../../domain/performance.ts';
import { newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';

export interface DailyReportDeps {
  reader: ReportingReader;
  reports: { save(day: string, at: number, report: Record<string, unknown>): Promise<void> };
  notifier: Notifier;
  clock: Clock;
  /** What the figures assume (fills, latency, fees, metric definitions): stored with the report. */
  assumptions?: readonly string[];
}

/** After the close: the day's trades, P&L and statistics, stored and sent to the configured channels. */
export async function dailyReport(deps: DailyReportDeps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const day = newYorkDate(now);
  const from = newYorkTime(day, '00:00');
  const [trades, equity, account, state] = await Promise.all([deps.reader.closedTrades(from), deps.reader.equity(from, 10_000), deps.reader.latestAccount(), deps.reader.tradingState()]);
  const todays = trades.filter((t) => t.exitDate === day);
  const p = performance(todays, equity);
  const pnl = todays.reduce((s, t) => s + t.pnlUsd, 0);
  const report = {
    day,
    trades: todays.length,
    wins: p.wins,
    losses: p.losses,
    realizedPnlUsd: pnl,
    winRate: p.winRate,
    profitFactor: p.profitFactor,
    averageR: p.averageR,
    equity: account?.equity ?? null,
    dayPnlUsd: account ? account.equity - account.lastEquity : null,
    maxDrawdown: p.maxDrawdown,
    tradingState: state?.state ?? null,
    netPnlUsd: p.netPnlUsd,
    feesUsd: p.feesUsd,
    warnings: [significanceWarning(todays.length)].filter((w): w is string => w !== null),
    assumptions: deps.assumptions ?? [],
  };
  await deps.reports.save(day, now, report);
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(0)}%`);
  await deps.notifier.notify({
    kind: 'daily_report',
    title: `Daily report ${day}: ${pnl >= 0 ? '+' : ''}${pnl.toFixed(2)} USD realized`,
    text: `${todays.length} trades (${p.wins} won, ${p.losses} lost after fees, win rate ${pct(p.winRate)}), ${p.netPnlUsd.toFixed(2)} USD after ${p.feesUsd.toFixed(2)} USD estimated fees, equity ${account?.equity.toFixed(2) ?? 'n/a'}, state ${state?.state ?? 'n/a'}.${report.warnings.length ? ` ${report.warnings.join(' ')}` : ''}`,
    at: now,
  });
  return { trades: todays.length, realizedPnlUsd: Math.round(pnl * 100) / 100 };
}
