import { CandlestickSeries, LineSeries, createChart, createSeriesMarkers, type SeriesMarker, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { ChartData } from '../api/types.ts';
import { chartOptions, COLORS, toChartTime } from './chart-theme.ts';
import { price, time, words } from '../ui/format.ts';

const OVERLAYS = [
  ['ema10', 'EMA10', COLORS.ema10],
  ['ema20', 'EMA20', COLORS.ema20],
  ['vwap', 'VWAP', COLORS.vwap],
] as const;

/** What happened at one bar: shown on hover (or tap) over the chart. */
interface BarNotes {
  lines: string[];
}

/** Index of the last bar at or before `t` (markers must sit on a bar; news before the first bar goes on it). */
function barIndexAt(ts: number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Candlesticks with EMA10, EMA20 and VWAP, entry and exit markers from fills, and news markers. */
export function createPriceChart(el: HTMLElement, tip: HTMLElement, height: number) {
  const chart = createChart(el, chartOptions(height));
  const candles = chart.addSeries(CandlestickSeries, { upColor: COLORS.up, downColor: COLORS.down, wickUpColor: COLORS.up, wickDownColor: COLORS.down, borderVisible: false });
  const lines = OVERLAYS.map(([key, title, color]) => [key, chart.addSeries(LineSeries, { color, lineWidth: 1, title, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false })] as const);
  const markers = createSeriesMarkers(candles, []);
  let notes = new Map<number, BarNotes>();
  let fitted = '';

  const showTip = (t: Time | undefined, x: number | undefined) => {
    const n = typeof t === 'number' ? notes.get(t) : undefined;
    if (!n || x === undefined) {
      tip.hidden = true;
      return;
    }
    tip.replaceChildren(...n.lines.map((l) => Object.assign(document.createElement('div'), { textContent: l })));
    tip.hidden = false;
    tip.style.left = `${Math.max(0, Math.min(x + 12, el.clientWidth - tip.offsetWidth))}px`;
  };
  chart.subscribeCrosshairMove((p) => showTip(p.time, p.point?.x));
  chart.subscribeClick((p) => showTip(p.time, p.point?.x));

  // A fetch may land after the page was left: a removed chart must not be touched.
  let removed = false;
  return {
    set(data: ChartData): void {
      if (removed) return;
      const ts = data.bars.map((b) => b.t);
      candles.setData(data.bars.map((b) => ({ time: toChartTime(b.t), open: b.o, high: b.h, low: b.l, close: b.c })));
      for (const [key, series] of lines) {
        const values = data.overlays[key] ?? [];
        series.setData(data.bars.map((b, i) => (typeof values[i] === 'number' ? { time: toChartTime(b.t), value: values[i] } : { time: toChartTime(b.t) })));
      }
      notes = new Map();
      const list: SeriesMarker<Time>[] = [];
      const note = (at: UTCTimestamp, line: string) => {
        const n = notes.get(at) ?? { lines: [] };
        n.lines.push(line);
        notes.set(at, n);
      };
      if (ts.length > 0) {
        for (const f of data.trades) {
          const at = toChartTime(ts[barIndexAt(ts, f.at)]!);
          const exit = f.kind === 'exit' || f.exitReason !== null;
          const label = `${exit ? 'Exit' : f.kind === 'entry' ? 'Entry' : 'Fill'} ${f.side} ${f.qty} @ ${price(f.price)}${f.exitReason ? ` (${words(f.exitReason)})` : ''}`;
          list.push({ time: at, position: f.side === 'buy' ? 'belowBar' : 'aboveBar', shape: f.side === 'buy' ? 'arrowUp' : 'arrowDown', color: exit ? COLORS.down : COLORS.up, text: exit ? 'Exit' : 'Entry' });
          note(at, `${time(f.at)} ${label}`);
        }
        for (const n of data.news) {
          const at = toChartTime(ts[barIndexAt(ts, n.t)]!);
          list.push({ time: at, position: 'aboveBar', shape: 'circle', color: COLORS.news, text: 'N' });
          note(at, `${time(n.t)} News (${n.sentiment.label}${n.catalyst ? `, ${words(n.catalyst)}` : ''}): ${n.headline}`);
        }
      }
      markers.setMarkers(list.sort((a, b) => (a.time as number) - (b.time as number)));
      if (fitted !== data.symbol && ts.length > 0) {
        chart.timeScale().fitContent();
        fitted = data.symbol;
      }
    },
    dispose: () => {
      removed = true;
      chart.remove();
    },
  };
}
