import { terminalLine, type LineStream } from './terminal-line.ts';
import type { BacktestProgress } from '../lib/compose/backtest/backtest-types.ts';

export type { BacktestProgress };

const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
};
const usd = (x: number) => `${x < 0 ? '-' : '+'}$${Math.abs(x).toFixed(2)}`;

/** The one progress line: sessions done of total, bars a second, orders, P&L so far, time left. */
export function formatProgress(p: BacktestProgress): string {
  const done = p.sessionsDone + p.sessionFraction;
  const rate = p.elapsedMs > 0 ? Math.round((p.bars * 1000) / p.elapsedMs) : 0;
  const left = done > 0 ? (p.elapsedMs / done) * (p.sessions - done) : null;
  return `${p.date}  session ${Math.min(p.sessionsDone + 1, p.sessions)}/${p.sessions}  ${rate.toLocaleString('en-US')} bars/s  orders ${p.ordersSent}  P&L ${p.pnlUsd === null ? 'n/a' : usd(p.pnlUsd)}  ${left === null ? '' : `~${duration(left)} left`}`.trimEnd();
}

/** Redraws the progress line in place on a terminal (at most every `everyMs`); says nothing when the stream is not a TTY. */
export function progressLine(stream: LineStream, now: () => number, everyMs = 250): { update(p: BacktestProgress): void; clear(): void } {
  const line = terminalLine(stream, now, everyMs);
  return { update: (p) => line.show(formatProgress(p)), clear: () => line.clear() };
}
