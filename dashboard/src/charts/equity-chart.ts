import { AreaSeries, createChart, type UTCTimestamp } from 'lightweight-charts';
import type { EquityPoint } from '../api/types.ts';
import { chartOptions, COLORS, toChartTime } from './chart-theme.ts';

/** Equity on top, drawdown from the running peak (percent, negative) in a pane below. */
export function createEquityChart(el: HTMLElement, height: number) {
  const chart = createChart(el, chartOptions(height));
  const equity = chart.addSeries(AreaSeries, {
    lineColor: COLORS.accent,
    topColor: 'rgba(76,154,255,0.35)',
    bottomColor: 'rgba(76,154,255,0.02)',
    lineWidth: 2,
    priceFormat: { type: 'price', precision: 0, minMove: 1 },
  });
  const drawdown = chart.addSeries(
    AreaSeries,
    { lineColor: COLORS.down, topColor: 'rgba(229,83,75,0.05)', bottomColor: 'rgba(229,83,75,0.4)', lineWidth: 1, priceFormat: { type: 'percent', precision: 2, minMove: 0.01 } },
    1,
  );
  chart.panes()[1]?.setStretchFactor(0.35);
  let fitted = false;
  // A fetch may land after the page was left: a removed chart must not be touched.
  let removed = false;
  return {
    set(points: EquityPoint[]): void {
      if (removed) return;
      // The chart wants strictly increasing whole seconds: keep the last snapshot of each second.
      const bySecond = new Map<UTCTimestamp, EquityPoint>();
      for (const p of points) bySecond.set(toChartTime(p.at), p);
      const rows = [...bySecond.entries()].sort((a, b) => a[0] - b[0]);
      equity.setData(rows.map(([time, p]) => ({ time, value: p.equity })));
      drawdown.setData(rows.map(([time, p]) => ({ time, value: -p.drawdown * 100 })));
      if (!fitted && rows.length > 1) {
        chart.timeScale().fitContent();
        fitted = true;
      }
    },
    dispose: () => {
      removed = true;
      chart.remove();
    },
  };
}
