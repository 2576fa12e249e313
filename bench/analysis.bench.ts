import type { Bar } from '../lib/domain/market.ts';
import { MINUTE_MS } from '../lib/domain/time.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { createRandom } from '../lib/shared/random.ts';
import { toColumns } from '../lib/strategy/indicators/bar-columns.ts';
import { computeIndicators } from '../lib/strategy/indicators/indicator-set.ts';
import { detectPatterns } from '../lib/strategy/patterns/detect-patterns.ts';
import { detectSetups } from '../lib/strategy/setups/detect-setups.ts';
import { setupInput } from '../lib/strategy/setups/setup-hit.ts';
import { median, printFigures, printSection } from './report.ts';

const SYMBOLS = 500;
const BARS_PER_SYMBOL = 390;
const RUNS = 5;
const TARGET_MS = 500;

/** One regular session of one-minute bars: a seeded random walk with changing volatility and volume bursts. */
function syntheticSession(seed: number): Bar[] {
  const random = createRandom(seed);
  const open = newYorkTime('2021-08-24', '09:30');
  let price = 5 + random.next() * 95;
  let sigma = 0.001 + random.next() * 0.004;
  const bars: Bar[] = [];
  for (let i = 0; i < BARS_PER_SYMBOL; i++) {
    if (random.chance(0.02)) sigma = 0.001 + random.next() * 0.006;
    const o = price;
    const c = Math.max(0.5, o * (1 + sigma * random.normal()));
    const h = Math.max(o, c) * (1 + Math.abs(sigma * random.normal()) / 2);
    const l = Math.min(o, c) * (1 - Math.abs(sigma * random.normal()) / 2);
    const v = Math.round(1_000 + 20_000 * random.next() * (random.chance(0.05) ? 8 : 1));
    bars.push({ t: open + i * MINUTE_MS, o, h, l, c, v });
    price = c;
  }
  return bars;
}

/** Everything the analysis step computes for one symbol: indicators, candle patterns, setups. */
function analyzeSymbol(bars: readonly Bar[]): number {
  const columns = toColumns(bars);
  const indicators = computeIndicators(columns);
  const patterns = detectPatterns(columns);
  const setups = detectSetups(setupInput(columns, indicators.vwap));
  return patterns.length + setups.length;
}

/** Analysis of 500 symbols × 390 one-minute bars on one core: median of 5 runs against a 500 ms target. */
export async function benchAnalysis(): Promise<boolean> {
  printSection(`Analysis: ${SYMBOLS} symbols × ${BARS_PER_SYMBOL} one-minute bars (indicators, candle patterns, setups)`);
  const universe = Array.from({ length: SYMBOLS }, (_, i) => syntheticSession(1_000 + i));
  let found = analyzeAll(universe); // warm-up: lets the JIT compile the hot loops before timing
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    found = analyzeAll(universe);
    wall.push(performance.now() - wallStart);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  // CPU time of this (single-threaded) process is what "one core" costs; unlike wall time it does not grow when
  // other processes share the machine. It counts GC helper threads too, so it errs on the slow side.
  const ms = median(cpu);
  const bars = SYMBOLS * BARS_PER_SYMBOL;
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`  ${found} patterns and setups per run; CPU ${list(cpu)} ms; wall ${list(wall)} ms`);
  return printFigures([
    { name: `analyze ${bars} bars: CPU time, median of ${RUNS}`, value: ms, unit: 'ms', target: { value: TARGET_MS, better: 'lower' } },
    { name: `wall time, median of ${RUNS} (for reference)`, value: median(wall), unit: 'ms' },
    {
      name: 'throughput (CPU time)',
      value: Math.round(bars / (ms / 1000)),
      unit: 'bars/s',
      target: { value: bars / (TARGET_MS / 1000), better: 'higher' },
    },
  ]);
}

function analyzeAll(universe: readonly (readonly Bar[])[]): number {
  let found = 0;
  for (const bars of universe) found += analyzeSymbol(bars);
  return found;
}

if (process.argv[1]?.endsWith('analysis.bench.ts')) process.exitCode = (await benchAnalysis()) ? 0 : 1;
