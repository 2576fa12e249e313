import { AreaSeries, createChart, createSeriesMarkers, type SeriesMarker, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { EquityPoint } from '../api/types.ts';
import { chartOptions, COLORS, toChartTime } from './chart-theme.ts';

/** A trade's entry or exit, marked on the equity curve (a backtest's trades on its chart). */
export interface EquityMarker {
  at: number;
  kind: 'entry' | 'exit';
  text: string;
}

/** Equity on top, drawdown from the running peak (percent, negative) in a pane below; optional trade markers. */
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
  const markers = createSeriesMarkers(equity, []);
  let times: UTCTimestamp[] = [];
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
      times = rows.map(([time]) => time);
      equity.setData(rows.map(([time, p]) => ({ time, value: p.equity })));
      drawdown.setData(rows.map(([time, p]) => ({ time, value: -p.drawdown * 100 })));
      if (!fitted && rows.length > 1) {
        chart.timeScale().fitContent();
        fitted = true;
      }
    },
    /** Marks trades on the curve, each on the last point at or before it (call after `set`). */
    mark(list: EquityMarker[]): void {
      if (removed || times.length === 0) return;
      const on = (at: number) => {
        const t = Math.floor(at / 1000);
        let i = times.length - 1;
        while (i > 0 && times[i]! > t) i--;
        return times[i]!;
      };
      const out: SeriesMarker<Time>[] = list.map((m) => ({ time: on(m.at), position: m.kind === 'entry' ? 'belowBar' : 'aboveBar', shape: m.kind === 'entry' ? 'arrowUp' : 'arrowDown', color: m.kind === 'entry' ? COLORS.up : COLORS.down, text: m.text }));
      markers.setMarkers(out.sort((a, b) => (a.time as number) - (b.time as number)));
    },
    dispose: () => {
      removed = true;
      chart.remove();
    },
  };
}
