import { spawn } from 'node:child_process';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { printFigures, printSection, type Figure } from './report.ts';
import { SHARED_DATA } from '../test/support/shared-data.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { memoryStores } from '../lib/compose/memory-stores.ts';
import { sessionsOf, type DriverResult, type DriverScenario } from './backtest-driver.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const REAL: DriverScenario = { name: 'real', from: '2021-07-01', to: '2021-08-13' };
const UNIVERSE: DriverScenario = { name: 'synthetic', from: '2026-10-05', to: '2026-10-30', symbols: 500, seed: 42 };
const YEAR: DriverScenario = { name: 'synthetic', from: '2025-11-03', to: '2026-10-30', symbols: 500, seed: 42 };
// What a Postgres replay can do in a benchmark's time (it runs at tens of bars a second): the first sessions only.
const DB_REAL: DriverScenario = { ...REAL, to: '2021-07-06' };
const DB_UNIVERSE: DriverScenario = { ...UNIVERSE, to: UNIVERSE.from };

function drive(s: DriverScenario): Promise<DriverResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/backtest-driver.ts', JSON.stringify(s)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('@@RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('@@RESULT '.length)) as DriverResult);
      else reject(new Error(`backtest driver (${s.name} ${s.from}..${s.to}) exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

function where(r: DriverResult): void {
  const total = r.stageTotals.reduce((s, t) => s + t.ms, 0);
  const top = r.stageTotals.slice(0, 6).map((t) => `${t.name} ${(t.ms / 1000).toFixed(1)} s (${Math.round((t.ms * 100) / Math.max(1, r.wallMs))} %)`);
  console.log(`  where the time went (coordinator stages, summed; ${(total / 1000).toFixed(1)} s of ${(r.wallMs / 1000).toFixed(1)} s wall): ${top.join(', ')}`);
  // A cycle records each stage's time in whole milliseconds: a stage that takes 25 us a tick (a quiet reconcile) adds up to 0.
  console.log(`  outside the stages (lock, cycle record, live summary, run records, the runner's own reads, and stages shorter than their whole-millisecond rounding): ${((r.wallMs - total) / 1000).toFixed(1)} s`);
  if (r.sourceMsInRun > 0) {
    const engineMs = r.wallMs - r.startupMs - r.sourceMsInRun;
    console.log(`  of the wall time, ${(r.sourceMsInRun / 1000).toFixed(1)} s went to loading each next session from its source (synthetic: generating its bars and news); without it the engine ran ${Math.round(r.bars / (engineMs / 1000))} bars/s (for information: the target counts the session loads, as history streamed during the run)`);
  }
  console.log(`  starting the process and loading the system (node, tsx, every module, the runtime): ${((r.loadMs + r.startupMs) / 1000).toFixed(2)} s, not in the target`);
  console.log(`  feed built in ${(r.feedMs / 1000).toFixed(1)} s (not counted); ${r.ticks} ticks${r.failedTicks ? `, ${r.failedTicks} FAILED: ${r.errors[0] ?? ''}` : ''}; orders ${r.orders} (${r.filledOrders} filled), trades closed ${r.trades}, net P&L $${r.netPnlUsd.toFixed(2)}`);
}

/** Bars a second over the sessions' replay: the system is loaded once before the first session (reported beside it). */
const rate = (r: DriverResult) => (r.bars * 1000) / (r.wallMs - r.startupMs);

/**
 * `npm run bench -- backtest`: the whole system replaying (a) the shared real minute bars of SPY and UPRO
 * (2021-07-01..08-13) and (b) a synthetic universe of 500 symbols with news over 20 sessions, each in its own
 * process: bars a second against the targets, orders and trades (a fast run that trades nothing is no
 * result), peak RSS, and where the time went. Over the in-memory stores; over Postgres (--db) when those are
 * not merged, on the first sessions only unless BENCH_BACKTEST_FULL=1. BENCH_BACKTEST_YEAR=1 adds a year of
 * the 500 symbols. Profile one scenario with `node --cpu-prof --import tsx bench/backtest-driver.ts '<json>'`.
 */
export async function benchBacktest(): Promise<boolean> {
  let memory = true;
  try {
    memoryStores({ clock: steppingClock(0) });
  } catch {
    memory = false;
  }
  const full = memory || process.env.BENCH_BACKTEST_FULL === '1';
  let allMet = true;
  const real = full ? REAL : DB_REAL;
  printSection(`backtest (a): shared real minute bars SPY + UPRO, ${real.from}..${real.to} (${sessionsOf(real)} of ${sessionsOf(REAL)} sessions)`);
  if (!memory) console.log(`  in-memory stores not available: FELL BACK to --db (scratch Postgres schema + Redis)${full ? '' : `; first ${sessionsOf(real)} sessions only (BENCH_BACKTEST_FULL=1 for all)`}`);
  if (!existsSync(path.join(SHARED_DATA, 'bars/minute/SPY_Minute_2021.csv'))) {
    console.log(`  SKIPPED: needs the shared data ${path.join(SHARED_DATA, 'bars/minute')} (put ../shared/data beside the checkout or set CATALYST_SHARED_DATA)`);
  } else {
    const r = await drive(real);
    allMet = printFigures([
      { name: 'bars a second, whole system', value: Math.round(rate(r)), unit: 'bars/s', target: { value: 20_000, better: 'higher' } },
      { name: 'bars replayed', value: r.bars, unit: 'bars' },
      { name: `wall time of the ${r.sessions} sessions`, value: (r.wallMs - r.startupMs) / 1000, unit: 's', target: { value: 1, better: 'lower' } },
      { name: 'peak RSS', value: Math.round(r.peakRssMb), unit: 'MB', target: { value: 1024, better: 'lower' } },
    ]) && allMet;
    where(r);
  }
  const universe = full ? UNIVERSE : DB_UNIVERSE;
  printSection(`backtest (b): synthetic universe of ${universe.symbols} symbols with news, ${universe.from}..${universe.to} (${sessionsOf(universe)} of ${sessionsOf(UNIVERSE)} sessions)`);
  if (!memory) console.log(`  in-memory stores not available: FELL BACK to --db${full ? '' : `; ${sessionsOf(universe)} session(s) only (BENCH_BACKTEST_FULL=1 for all)`}`);
  const u = await drive(universe);
  const figures: Figure[] = [
    { name: 'bars a second, whole system', value: Math.round(rate(u)), unit: 'bars/s', target: { value: 500_000, better: 'higher' } },
    { name: 'bars replayed', value: u.bars, unit: 'bars' },
    { name: 'orders placed (legs included)', value: u.orders, unit: 'orders' },
    { name: 'round-trip trades closed', value: u.trades, unit: 'trades' },
    { name: 'peak RSS', value: Math.round(u.peakRssMb), unit: 'MB', target: { value: 1024, better: 'lower' } },
  ];
  allMet = printFigures(figures) && allMet;
  if (u.orders === 0) console.log('  NOTE: no orders: a fast run that trades nothing proves nothing');
  where(u);
  printSection(`backtest (c): peak RSS for a year of ${YEAR.symbols} symbols (${YEAR.from}..${YEAR.to}, ${sessionsOf(YEAR)} sessions)`);
  if (process.env.BENCH_BACKTEST_YEAR !== '1' || !memory) {
    console.log(`  NOT RUN: ${memory ? 'set BENCH_BACKTEST_YEAR=1 (minutes of work)' : 'needs the in-memory stores; then set BENCH_BACKTEST_YEAR=1'}. (b)'s peak RSS above is for ${sessionsOf(universe)} session(s).`);
  } else {
    const y = await drive(YEAR);
    allMet = printFigures([
      { name: 'peak RSS, a year of 500 symbols', value: Math.round(y.peakRssMb), unit: 'MB', target: { value: 1024, better: 'lower' } },
      { name: 'bars a second', value: Math.round(rate(y)), unit: 'bars/s' },
    ]) && allMet;
    where(y);
  }
  return allMet;
}
