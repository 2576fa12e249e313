import { LineSeries, createChart, type UTCTimestamp } from 'lightweight-charts';
import { chartOptions, COLORS, toChartTime } from './chart-theme.ts';

export interface CompareSeries {
  title: string;
  points: { at: number; equity: number }[];
}

const PALETTE = [COLORS.accent, COLORS.ema10, COLORS.ema20, COLORS.vwap];

/** Runs overlaid: each run's return from its own starting equity (percent), on one time axis. */
export function createCompareChart(el: HTMLElement, height: number, runs: CompareSeries[]) {
  const chart = createChart(el, chartOptions(height));
  runs.forEach((run, i) => {
    const series = chart.addSeries(LineSeries, { color: PALETTE[i % PALETTE.length], lineWidth: 2, title: run.title, priceFormat: { type: 'percent', precision: 2, minMove: 0.01 } });
    const start = run.points[0]?.equity ?? 0;
    const bySecond = new Map<UTCTimestamp, number>();
    for (const p of run.points) bySecond.set(toChartTime(p.at), start > 0 ? (p.equity / start - 1) * 100 : 0);
    series.setData([...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value })));
  });
  chart.timeScale().fitContent();
  return { dispose: () => chart.remove() };
}
