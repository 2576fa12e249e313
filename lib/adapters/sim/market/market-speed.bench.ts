import { MINUTE_MS } from '../../../domain/time.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { createSyntheticMarket } from './synthetic-market.ts';

/** One measured figure, shaped like bench/report.ts's Figure so the bench runner can print it. */
export interface SpeedFigure {
  name: string;
  value: number;
  unit: string;
  target?: { value: number; better: 'lower' | 'higher' };
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * Generation and replay speed of the synthetic market: a whole trading day (regular session plus thin
 * extended hours) generated for `symbols` stocks, then replayed minute by minute through barsBetween from
 * the cache, as the simulated broker reads it. Wall time; CPU time alongside, since shared machines are noisy.
 */
export function measureSyntheticMarket(symbols: number): SpeedFigure[] {
  const market = createSyntheticMarket({ seed: 1, start: '2026-03-02', symbols, cacheBars: 20_000_000 });
  const all = market.assets().map((a) => a.symbol);
  const warm = calendarDay('2026-03-03')!;
  // The daily paths from the start are built once per process: warm them so the figure is one day's bars.
  market.barsOf(all, warm.open, warm.open + MINUTE_MS);
  const day = calendarDay('2026-03-04')!;
  let wall = performance.now();
  let cpu = cpuMs();
  const generated = market.barsOf(all, day.sessionOpen, day.sessionClose);
  const genWall = performance.now() - wall;
  const genCpu = cpuMs() - cpu;
  let bars = 0;
  let regular = 0;
  for (const list of generated.values()) {
    bars += list.length;
    for (const b of list) if (b.t >= day.open && b.t < day.close) regular++;
  }
  // Build the day's merged index (first barsBetween call), then replay minute by minute.
  for (const _ of market.barsBetween(day.sessionOpen, day.sessionOpen + MINUTE_MS)) break;
  wall = performance.now();
  cpu = cpuMs();
  let replayed = 0;
  for (let t = day.sessionOpen; t < day.sessionClose; t += MINUTE_MS) for (const _ of market.barsBetween(t, t + MINUTE_MS)) replayed++;
  const replayWall = performance.now() - wall;
  const replayCpu = cpuMs() - cpu;
  const label = `${symbols} symbols`;
  return [
    { name: `${label}: one day generated (${regular} regular + ${bars - regular} extended bars)`, value: genWall, unit: 'ms', ...(symbols >= 5000 ? { target: { value: 1000, better: 'lower' as const } } : {}) },
    { name: `${label}: generation speed (wall)`, value: Math.round(bars / (genWall / 1000)), unit: 'bars/s' },
    { name: `${label}: generation speed (CPU)`, value: Math.round(bars / (genCpu / 1000)), unit: 'bars/s' },
    { name: `${label}: replay from cache, minute by minute (wall)`, value: Math.round(replayed / (replayWall / 1000)), unit: 'bars/s', ...(symbols === 100 ? { target: { value: 1_000_000, better: 'higher' as const } } : {}) },
    { name: `${label}: replay from cache, minute by minute (CPU)`, value: Math.round(replayed / (replayCpu / 1000)), unit: 'bars/s' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of [100, 5000]) {
    for (const f of measureSyntheticMarket(n)) {
      const target = f.target ? `  target ${f.target.better === 'lower' ? '<=' : '>='} ${f.target.value} ${f.unit}` : '';
      console.log(`  ${f.name.padEnd(78)} ${String(Math.round(f.value)).padStart(12)} ${f.unit}${target}`);
    }
  }
}
