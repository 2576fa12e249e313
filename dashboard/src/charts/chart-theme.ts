import { ColorType, TickMarkType, type ChartOptions, type DeepPartial, type Time, type UTCTimestamp } from 'lightweight-charts';

const NY = 'America/New_York';
const tickTime = new Intl.DateTimeFormat('en-US', { timeZone: NY, hour: '2-digit', minute: '2-digit', hour12: false });
const tickDay = new Intl.DateTimeFormat('en-US', { timeZone: NY, month: 'short', day: 'numeric' });
const crosshair = new Intl.DateTimeFormat('en-US', { timeZone: NY, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** Epoch ms → the chart's time (whole seconds). */
export const toChartTime = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;
const toMs = (t: Time): number => (typeof t === 'number' ? t * 1000 : Date.parse(typeof t === 'string' ? t : `${t.year}-${t.month}-${t.day}`));

export const COLORS = {
  up: '#26a269',
  down: '#e5534b',
  text: '#c9d1d9',
  grid: '#1f2a36',
  accent: '#4c9aff',
  ema10: '#f0b429',
  ema20: '#c678dd',
  vwap: '#56b6c2',
  news: '#4c9aff',
};

/** Shared look; the axis shows New York time, as the trading day is New York's. */
export function chartOptions(height: number): DeepPartial<ChartOptions> {
  return {
    height,
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: COLORS.text, fontSize: 12, attributionLogo: false },
    grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
    rightPriceScale: { borderVisible: false },
    timeScale: {
      borderVisible: false,
      timeVisible: true,
      secondsVisible: false,
      tickMarkFormatter: (t: Time, type: TickMarkType) => (type === TickMarkType.Time || type === TickMarkType.TimeWithSeconds ? tickTime : tickDay).format(toMs(t)),
    },
    localization: { timeFormatter: (t: Time) => `${crosshair.format(toMs(t))} ET` },
    handleScroll: { vertTouchDrag: false },
  };
}
