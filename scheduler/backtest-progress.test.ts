import { describe, expect, it } from 'vitest';
import { formatProgress, progressLine, type BacktestProgress } from './backtest-progress.ts';

const at: BacktestProgress = { date: '2021-07-14', sessionsDone: 9, sessions: 31, sessionFraction: 0.5, bars: 200_000, ordersSent: 12, pnlUsd: -123.456, elapsedMs: 10_000 };

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 60, write: (c: string) => chunks.push(c) } };
}

describe('backtest progress line', () => {
  it('shows_sessions_rate_orders_pnl_and_time_left', () => {
    // 9.5 sessions in 10 s: 21.5 left take about 22.6 s.
    expect(formatProgress(at)).toBe('2021-07-14  session 10/31  20,000 bars/s  orders 12  P&L -$123.46  ~23s left');
    expect(formatProgress({ ...at, sessionsDone: 0, sessionFraction: 0, bars: 0, elapsedMs: 0, pnlUsd: null })).toBe('2021-07-14  session 1/31  0 bars/s  orders 12  P&L n/a');
  });

  it('writes_nothing_when_stdout_is_not_a_terminal', () => {
    const { chunks, stream } = sink(false);
    const line = progressLine(stream, () => 0);
    line.update(at);
    line.clear();
    expect(chunks).toEqual([]);
  });

  it('redraws_one_clipped_line_in_place_at_most_every_interval_on_a_terminal', () => {
    const { chunks, stream } = sink(true);
    let now = 0;
    const line = progressLine(stream, () => now, 250);
    line.update(at);
    now = 100;
    line.update({ ...at, ordersSent: 13 });
    now = 300;
    line.update({ ...at, ordersSent: 14 });
    line.clear();
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toMatch(/^\r\x1b\[2K2021-07-14 {2}session 10\/31/);
    expect(chunks[0]!.length - '\r\x1b[2K'.length).toBeLessThanOrEqual(59);
    expect(chunks[1]).toContain('orders 14');
    expect(chunks[2]).toBe('\r\x1b[2K');
  });
});
