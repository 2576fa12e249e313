import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { scratchSchema } from './scratch-db.ts';
import { printFigures, printSection } from './report.ts';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { dueStages, DEFAULT_SCHEDULE, type Stage, type StageRun } from '../lib/app/coordinator/schedule.ts';
import { calendarDay } from '../lib/domain/calendar/nyse-calendar.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import type { CostDriverConfig, TickCost } from './cost-driver.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_COST_SIZES ?? '50,500,5000').split(',').map(Number);
const DAY = '2026-11-23';
/** Before and through the open (the universe refresh, the first scans), and an evening stretch (market closed). */
const WINDOWS: [string, string][] = [
  ['09:27', '10:01'],
  ['20:00', '20:09'],
];
const FREE_GB_S_MONTH = 90_000; // DigitalOcean Functions: 90,000 GiB-s free a month per account
const UPSTASH_FREE_MONTH = 500_000; // Upstash Redis free plan: 500K commands a month (upstash.com/pricing/redis, 2026)
const TARGET_GB_S_500 = 20_000;
const TARGET_REDIS_DAY_500 = 10_000;
const MIN_BILLED_MS = 100; // DigitalOcean bills at least 100 ms an invocation
/** Deployed, the simulator's time is Alpaca's: modelled as one round trip per request, none overlapping (an upper bound). */
const ALPACA_RTT_MS = 30;
const TRADING_DAYS_A_MONTH = 21;
const OTHER_DAYS_A_MONTH = 9;

type Kind = 'refresh' | 'scan' | 'session' | 'closed';
const kindOf = (stages: readonly string[]): Kind =>
  stages.includes('refresh_universe') ? 'refresh' : stages.includes('scan') ? 'scan' : stages.includes('manage_exits') ? 'session' : 'closed';

/** How many ticks of each kind one trading day has, from the coordinator's own schedule. */
function ticksADay(): Record<Kind, number> {
  const out: Record<Kind, number> = { refresh: 0, scan: 0, session: 0, closed: 0 };
  const runs: Partial<Record<Stage, StageRun>> = {};
  const today = calendarDay(DAY);
  for (let at = newYorkTime(DAY, '00:00'); at < newYorkTime(DAY, '23:59') + 60_000; at += 60_000) {
    const due = dueStages(at, today, DAY, runs, DEFAULT_SCHEDULE).map((d) => d.stage);
    for (const s of due) runs[s] = { lastRunAt: at, lastDay: DAY };
    out[kindOf(due)]++;
  }
  return out;
}

async function runDriver(config: CostDriverConfig): Promise<TickCost[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'cost-driver.ts'), JSON.stringify(config)], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) throw new Error(`the cost driver for ${config.symbols} symbols printed no result:\n${stdout.slice(-2000)}`);
  return (JSON.parse(line.slice('@@RESULT '.length)) as { ticks: TickCost[] }).ticks;
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * `npm run bench -- cost`: what Catalyst costs as deployed, measured in paper mode against the Alpaca facade
 * with every function's deployed bundle run by the local runtime (bench/cost-driver.ts): GB-seconds billed
 * (each invocation: its memory limit from project.yml x its wall time, at least 100 ms; the coordinator is
 * billed while it waits for its workers) and Upstash commands (every command of a pipeline counts), per tick
 * kind, scaled to a trading day by the coordinator's own schedule and to a month of 21 trading days and 9
 * other days (ticks keep running: reconcile, news every 2 minutes).
 */
export async function benchCost(): Promise<boolean> {
  printSection('Cost as deployed (paper mode, Alpaca facade, deployed bundles through the local runtime)');
  const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), {});
  const memoryGb = (fn: string) => (spec.functions.find((f) => f.id === fn)?.limits.memory ?? 256) / 1024;
  const perDay = ticksADay();
  console.log(`  ticks a trading day: ${perDay.refresh} universe refresh, ${perDay.scan} scan, ${perDay.session} other in session, ${perDay.closed} market closed`);
  let allMet = true;
  for (const symbols of SIZES) {
    const db = await scratchSchema();
    let ticks: TickCost[];
    try {
      ticks = await runDriver({ symbols, databaseUrl: db.url, seed: 42, day: DAY, windows: WINDOWS });
    } finally {
      await db.drop();
    }
    const failed = ticks.filter((t) => !t.ok).length;
    const gbs = (t: TickCost) => t.invocations.reduce((s, i) => s + memoryGb(i.fn) * (Math.max(MIN_BILLED_MS, i.ms) / 1000), 0);
    const byKind = (k: Kind) => ticks.filter((t) => kindOf(t.stages) === k);
    const kinds: Kind[] = ['refresh', 'scan', 'session', 'closed'];
    const gbsKind = Object.fromEntries(kinds.map((k) => [k, avg(byKind(k).map(gbs))])) as Record<Kind, number>;
    const redisKind = Object.fromEntries(kinds.map((k) => [k, avg(byKind(k).map((t) => t.redisCommands))])) as Record<Kind, number>;
    const day = (per: Record<Kind, number>) => kinds.reduce((s, k) => s + per[k] * perDay[k], 0);
    const offDay = (per: Record<Kind, number>) => per.closed * 1440;
    const gbsMonth = TRADING_DAYS_A_MONTH * day(gbsKind) + OTHER_DAYS_A_MONTH * offDay(gbsKind);
    // The facade's simulator runs in this process: a worker and the coordinator waiting on it (0.5 GB) are billed
    // its time. Deployed that time is Alpaca's round trips instead: take it out, put the modelled round trips in.
    const deployedGbs = (t: TickCost) => Math.max(0.1 * 0.25, gbs(t) - (t.simulatorMs / 1000) * 0.5) + ((t.alpacaRequests * ALPACA_RTT_MS) / 1000) * 0.5;
    const deployedKind = Object.fromEntries(kinds.map((k) => [k, avg(byKind(k).map(deployedGbs))])) as Record<Kind, number>;
    const deployedMonth = TRADING_DAYS_A_MONTH * day(deployedKind) + OTHER_DAYS_A_MONTH * offDay(deployedKind);
    const simShare = avg(ticks.map((t) => t.simulatorMs)) / Math.max(1, avg(ticks.map((t) => t.invocations[0]!.ms)));
    const reqs = avg(ticks.map((t) => t.alpacaRequests));
    const redisDay = day(redisKind);
    const redisMonth = TRADING_DAYS_A_MONTH * redisDay + OTHER_DAYS_A_MONTH * offDay(redisKind);
    // The largest consumers: GB-s a trading day per function, and Upstash commands a trading day per tick kind.
    const perFn = new Map<string, number>();
    for (const k of kinds) {
      const sample = byKind(k);
      for (const t of sample) for (const i of t.invocations) perFn.set(i.fn, (perFn.get(i.fn) ?? 0) + (memoryGb(i.fn) * (Math.max(MIN_BILLED_MS, i.ms) / 1000) * perDay[k]) / sample.length);
    }
    const top = [...perFn].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([fn, v]) => `${fn} ${Math.round(v)}`).join(', ');
    const redisTop = kinds.map((k) => [k, redisKind[k] * perDay[k]] as const).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ticks ${Math.round(v)}`).join(', ');
    console.log(`\n  ${symbols} symbols: ${ticks.length} ticks measured (${failed} not ok); per tick kind GB-s ${kinds.map((k) => `${k} ${gbsKind[k].toFixed(2)}`).join(', ')}; Upstash commands ${kinds.map((k) => `${k} ${Math.round(redisKind[k])}`).join(', ')}`);
    console.log(`    largest GB-s a trading day: ${top}`);
    console.log(`    the facade's simulator: ${Math.round(simShare * 100)}% of the tick's wall time on average; ${reqs.toFixed(1)} Alpaca requests a tick`);
    console.log(`    Upstash commands a trading day by tick kind: ${redisTop}`);
    const met = printFigures([
      { name: `GB-s a month at ${symbols} symbols, as measured`, value: Math.round(gbsMonth), unit: 'GB-s' },
      { name: `GB-s a month at ${symbols} symbols, Alpaca at ${ALPACA_RTT_MS} ms/request`, value: Math.round(deployedMonth), unit: 'GB-s', target: { value: symbols === 500 ? TARGET_GB_S_500 : FREE_GB_S_MONTH, better: 'lower' } },
      { name: `Upstash commands a trading day at ${symbols} symbols`, value: Math.round(redisDay), unit: 'cmds', target: symbols === 500 ? { value: TARGET_REDIS_DAY_500, better: 'lower' } : { value: Math.round(UPSTASH_FREE_MONTH / 30), better: 'lower' } },
      { name: `Upstash commands a month at ${symbols} symbols`, value: Math.round(redisMonth), unit: 'cmds', target: { value: UPSTASH_FREE_MONTH, better: 'lower' } },
    ]);
    if (symbols === 500) allMet &&= met;
  }
  console.log(`  (targets: at 500 symbols <= ${TARGET_GB_S_500} GB-s a month and <= ${TARGET_REDIS_DAY_500} Upstash commands a day; other sizes against the free tiers: ${FREE_GB_S_MONTH} GB-s a month, ${UPSTASH_FREE_MONTH} commands a month)`);
  return allMet;
}
