import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { scratchSchema } from './scratch-db.ts';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { median, printFigures, printSection, type Figure } from './report.ts';
import type { DriverConfig, DriverResult, MeasuredTick } from './tick-driver.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = [50, 500, 5_000];
const WARMUP_FROM = '09:20';
const MEASURE_FROM = '09:31';
const MEASURE_TO = '10:16';
const FREE_TIER_GB_S = 90_000;
/** DigitalOcean bills at least 100 ms an invocation. */
const MIN_BILLED_MS = 100;

async function runDriver(config: DriverConfig): Promise<DriverResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'tick-driver.ts'), JSON.stringify(config)], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) throw new Error(`the tick driver for ${config.symbols} symbols printed no result:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice('@@RESULT '.length)) as DriverResult;
}

/**
 * GB-seconds one tick bills: the coordinator for its whole duration plus every worker it invoked. With
 * `withoutSimulator`, the time spent inside the simulated broker is left out (deployed, those are a few
 * HTTP round trips to Alpaca, not the simulator matching a minute of 5,000 symbols' bars).
 */
function gbSeconds(t: MeasuredTick, memoryMb: (fn: string) => number, withoutSimulator = false): number {
  const billed = (fn: string, ms: number) => (memoryMb(fn) / 1024) * (Math.max(MIN_BILLED_MS, ms) / 1000);
  const sim = (ms: number) => (withoutSimulator ? ms : 0);
  return billed('coordinator/tick', t.wallMs - sim(t.calls.brokerMs)) + t.invocations.reduce((s, i) => s + billed(i.fn, i.ms - sim(i.brokerMs)), 0);
}

const fmt = (n: number) => String(Math.round(n));

/**
 * `npm run bench tick`: a full coordinator tick against the simulator with real PostgreSQL and Redis at
 * 50, 500 and 5,000 symbols: wall time, database statements, Redis requests and broker calls per tick;
 * peak memory of every function at 5,000 symbols; GB-seconds a month at one tick a minute.
 */
export async function benchTick(): Promise<boolean> {
  printSection('Coordinator tick (simulator; real PostgreSQL and Redis; in process)');
  const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), {});
  const memoryMb = (fn: string) => spec.functions.find((f) => f.id === fn)?.limits.memory ?? 256;
  const results: DriverResult[] = [];
  for (const symbols of SIZES) {
    const db = await scratchSchema();
    try {
      results.push(await runDriver({ symbols, databaseUrl: db.url, seed: 4, day: '2026-11-16', from: WARMUP_FROM, measureFrom: MEASURE_FROM, measureTo: MEASURE_TO, memory: symbols === 5_000 }));
    } finally {
      await db.drop();
    }
  }
  let ok = true;
  const full = (r: DriverResult) => r.ticks.filter((t) => t.full);
  const light = (r: DriverResult) => r.ticks.filter((t) => !t.full);
  // A quiet tick moves no order and finds no position open: what is left is the cost of the symbols.
  const orders = (t: MeasuredTick) => ['submitOrder', 'replaceOrder', 'cancelOrder', 'closePosition'].reduce((n, m) => n + (t.calls.brokerByMethod[m] ?? 0), 0);
  const positions = (t: MeasuredTick) => t.stages.find((s) => s.name === 'reconcile')?.counts.openPositions ?? 0;
  const quiet = (r: DriverResult) => full(r).filter((t) => orders(t) === 0 && positions(t) === 0);
  console.log(`  Ticks once a simulated minute from ${WARMUP_FROM} New York; measured ${MEASURE_FROM}-${MEASURE_TO}. A full tick runs every stage of the`);
  console.log('  trading window (reconcile, news, scan, analyze fan-out, execute, exit management; every 10 min); light ticks the rest.');
  for (const r of results) {
    const figures: Figure[] = [
      { name: `${r.symbols} symbols: full tick wall time (median of ${full(r).length})`, value: Math.round(median(full(r).map((t) => t.wallMs))), unit: 'ms', ...(r.symbols === 500 ? { target: { value: 2000, better: 'lower' as const } } : {}) },
      { name: `${r.symbols} symbols: light tick wall time (median of ${light(r).length})`, value: Math.round(median(light(r).map((t) => t.wallMs))), unit: 'ms' },
    ];
    ok = printFigures(figures) && ok;
  }
  console.log(`\n  Round trips per full tick (median), by universe size; "quiet": full ticks with no position open and no order sent:`);
  console.log(`  ${'symbols'.padEnd(52)} ${results.map((r) => String(r.symbols).padStart(8)).join('')}`);
  const row = (label: string, ticks: (r: DriverResult) => MeasuredTick[], pick: (t: MeasuredTick) => number) => {
    const values = results.map((r) => (ticks(r).length ? median(ticks(r).map(pick)) : NaN));
    console.log(`  ${label.padEnd(52)} ${values.map((v) => (Number.isNaN(v) ? 'n/a' : fmt(v)).padStart(8)).join('')}`);
    return values.filter((v) => !Number.isNaN(v));
  };
  console.log(`  ${'full ticks measured, of which quiet'.padEnd(52)} ${results.map((r) => `${full(r).length}/${quiet(r).length}`.padStart(8)).join('')}`);
  const db = row('database statements (quiet)', quiet, (t) => t.calls.db);
  const broker = row('broker calls (quiet)', quiet, (t) => t.calls.broker);
  const redis = row('Redis requests (quiet)', quiet, (t) => t.calls.redis);
  row('market-data calls (quiet)', quiet, (t) => t.marketDataCalls);
  row('database statements (all full ticks)', full, (t) => t.calls.db);
  row('broker calls (all full ticks)', full, (t) => t.calls.broker);
  row('orders moved (all full ticks)', full, orders);
  row('open positions (all full ticks)', full, positions);
  row('simulator state statements (no deployed twin)', full, (t) => t.calls.simBrokerDb);
  // Constant: a hundred times the symbols leaves every count of a quiet tick where it was.
  for (const [name, xs] of [['database statements', db], ['broker calls', broker], ['Redis requests', redis]] as const) {
    const met = xs.length === results.length && Math.max(...xs) <= Math.min(...xs) * 1.2;
    ok &&= met;
    console.log(`  ${`${name} constant in the number of symbols`.padEnd(52)} ${met ? 'OK' : 'MISSED'} (${xs.map(fmt).join(' / ')}: the largest within 20 % of the smallest)`);
  }

  const big = results.find((r) => r.symbols === 5_000)!;
  console.log(`\n  Peak memory of each function at 5,000 symbols, one realistic invocation in a fresh process (bundled; an empty node process peaks at ${big.baselineRssMb} MB):`);
  ok = printFigures(big.memory.map((m) => ({ name: `${m.fn}: ${m.what}${m.status === 200 ? '' : ` (HTTP ${m.status})`}`, value: m.peakRssMb, unit: 'MB', target: { value: 256, better: 'lower' as const } }))) && ok;
  if (big.memory.some((m) => m.status !== 200)) {
    ok = false;
    console.log('  MISSED: an invocation above did not answer 200');
  }

  console.log('\n  GB-seconds a month at one tick a minute: limits.memory x duration (at least 100 ms) of the tick and every worker it');
  console.log('  invoked, averaged over the measured ticks of the session and counted for all 43,200 minutes of a month (nights and');
  console.log('  weekends are lighter, so this overstates); durations are in-process, without network or cold starts:');
  const month = 60 * 24 * 30;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const r of results) {
    ok =
      printFigures([
        { name: `${r.symbols} symbols: GB-s a month`, value: Math.round(mean(r.ticks.map((t) => gbSeconds(t, memoryMb))) * month), unit: 'GB-s', target: { value: FREE_TIER_GB_S, better: 'lower' } },
        { name: `${r.symbols} symbols: the same without the simulated broker's time`, value: Math.round(mean(r.ticks.map((t) => gbSeconds(t, memoryMb, true))) * month), unit: 'GB-s' },
      ]) && ok;
  }
  const big5k = results.find((r) => r.symbols === 5_000)!;
  const reconcileMs = (t: MeasuredTick) => t.stages.find((s) => s.name === 'reconcile')?.ms ?? 0;
  console.log(`  (at 5,000 symbols the reconcile stage of a light tick takes a median ${fmt(median(light(big5k).map(reconcileMs)))} ms: the simulated broker matches a minute of every symbol's bars)`);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await benchTick();
  process.exitCode = ok ? 0 : 1;
}
