import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { printFigures, printSection } from './report.ts';
import { scratchSchema } from './scratch-db.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
// The issue's study, run whole: one year of 100 symbols' minute bars with news, 50 trials a fold.
const SYMBOLS = 100;
const YEAR_SESSIONS = 252;
const IN_SAMPLE = 63;
const OUT_OF_SAMPLE = 21;
const FOLDS = (YEAR_SESSIONS - IN_SAMPLE) / OUT_OF_SAMPLE;
const TRIALS = 50;
const LAST_SESSION = '2026-10-30';
const TARGET_MINUTES = 10;

/** The first date such that [first, LAST_SESSION] holds exactly YEAR_SESSIONS trading sessions. */
function yearBefore(last: string): string {
  let from = addDays(last, -365);
  while (calendarBetween(from, last).length < YEAR_SESSIONS) from = addDays(from, -1);
  while (calendarBetween(from, last).length > YEAR_SESSIONS) from = addDays(from, 1);
  return from;
}

interface StudyRun {
  wallMs: number;
  /** The optimiser process's peak RSS (its worker threads included), MB, from /proc; null where there is none. */
  peakRssMb: number | null;
  trialsRun: number;
  trialsReused: number;
  out: string;
}

/** Runs `npm run optimize` as a person would (its own process, its own worker threads), on a fresh scratch schema. */
async function runStudy(args: string[], env: NodeJS.ProcessEnv): Promise<StudyRun> {
  const t0 = performance.now();
  const tty = process.stderr.isTTY;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/optimize.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let trials = 0;
  child.stdout.on('data', (d: Buffer) => {
    const text = d.toString();
    out += text;
    trials += text.split('\n').filter((l) => /^\s+trial \d+:/.test(l)).length;
    if (tty) process.stderr.write(`\r  ${trials} trial(s) done, ${((performance.now() - t0) / 60_000).toFixed(1)} min   `);
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  // The kernel's high-water mark of the process's resident set (VmHWM), read while it lives.
  let peakKb: number | null = null;
  const readPeak = () => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb ?? 0, Number(hwm[1]));
    } catch {
      /* gone, or no /proc here */
    }
  };
  const sampler = setInterval(readPeak, 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (tty) process.stderr.write('\n');
  if (code !== 0) throw new Error(`npm run optimize exited ${code}: ${out.slice(-2000)}`);
  const done = /Research run #\d+[^:]*: (\d+) trial\(s\) run, (\d+) reused/.exec(out);
  if (!done) throw new Error(`npm run optimize printed no summary line: ${out.slice(-2000)}`);
  return { wallMs: performance.now() - t0, peakRssMb: peakKb === null ? null : Math.round(peakKb / 1024), trialsRun: Number(done[1]), trialsReused: Number(done[2]), out };
}

/**
 * `BENCH_RESEARCH_STUDY=1 npm run bench -- research-study`: the research target measured, not projected. Runs
 * `npm run optimize --synthetic` on one year (252 sessions) of 100 symbols with news: 9 folds of 63 in-sample and 21
 * out-of-sample sessions, 50 trials a fold, successive halving, on every core, with its trials stored in a fresh
 * scratch schema (so nothing is resumed), and prints the wall time against the 10-minute target. Tens of minutes
 * of both cores: opt-in.
 */
export async function benchResearchStudy(): Promise<boolean> {
  const from = yearBefore(LAST_SESSION);
  printSection(`research study (measured): walk-forward of ${YEAR_SESSIONS} sessions (${from}..${LAST_SESSION}) of ${SYMBOLS} synthetic symbols with news, ${FOLDS} folds of ${IN_SAMPLE}+${OUT_OF_SAMPLE}, ${TRIALS} trials a fold, halving, ${os.availableParallelism()} worker thread(s)`);
  if (process.env.BENCH_RESEARCH_STUDY !== '1') {
    console.log('  NOT RUN: set BENCH_RESEARCH_STUDY=1 (the whole study: minutes of both cores). `npm run bench -- research` projects it from a steady trial rate.');
    return true;
  }
  const scratch = await scratchSchema();
  try {
    const args = ['--synthetic', '--from', from, '--to', LAST_SESSION, '--folds', String(FOLDS), '--trials', String(TRIALS), '--in-sample', String(IN_SAMPLE), '--out-of-sample', String(OUT_OF_SAMPLE), '--sampler', 'halving', '--seed', '1'];
    const env = { ...process.env, DATABASE_URL: scratch.url, SIM_SYMBOLS: String(SYMBOLS), SIM_SEED: '42', LOG_LEVEL: 'error' };
    console.log(`  command: SIM_SYMBOLS=${SYMBOLS} SIM_SEED=42 DATABASE_URL=<scratch schema> npm run optimize -- ${args.join(' ')}`);
    const run = await runStudy(args, env);
    const minutes = run.wallMs / 60_000;
    const met = printFigures([
      { name: 'walk-forward study, wall time (process start to report)', value: Math.round(minutes * 10) / 10, unit: 'min', target: { value: TARGET_MINUTES, better: 'lower' } },
      { name: 'trials run (none reused: a fresh schema)', value: run.trialsRun, unit: 'trials' },
      { name: 'trials a minute', value: Math.round((run.trialsRun / minutes) * 10) / 10, unit: 'trials/min' },
    ]);
    console.log(`  peak RSS of the optimiser (both worker threads, each streaming its trials' windows): ${run.peakRssMb === null ? 'n/a (no /proc)' : `${run.peakRssMb} MB`}`);
    if (run.trialsReused > 0) console.log(`  NOTE: ${run.trialsReused} trial(s) were reused, so this is not a whole study`);
    // The study's headline as it printed it: the stitched out-of-sample table, in-sample beside it.
    const lines = run.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('OUT OF SAMPLE'));
    for (const l of at < 0 ? [] : lines.slice(at, at + 12)) console.log(`  | ${l}`);
    return met && run.trialsReused === 0;
  } finally {
    await scratch.drop();
  }
}
