// The module's binding: the global `performance` is a getter, run on every read.
import { performance } from 'node:perf_hooks';
import type { Lock } from '../../ports/lock.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { CycleStore, StageRecord } from '../../ports/cycle-store.port.ts';
import type { Notifier } from '../../ports/notifier.port.ts';
import type { RateLimiter } from '../../ports/rate-limiter.port.ts';
import type { MarketCalendar } from '../../ports/market-calendar.port.ts';
import type { LiveSummaryStore } from '../../ports/live-summary.port.ts';
import { logs, type Logger } from '../../platform/logger.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { LeaseKeeper, LeaseKeepers } from './lease-keeper.ts';
import { newYorkDate } from '../../domain/calendar/new-york-time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { sessionPhaseIn } from '../../domain/calendar/session-phase.ts';
import { dueStages, STAGES, type DueStage, type ScheduleConfig, type Stage } from './schedule.ts';
import type { StageContext, StageFn } from './stages.ts';

export interface TickDeps {
  lock: Lock;
  cycles: CycleStore;
  clock: Clock;
  notifier: Notifier;
  summary: LiveSummaryStore;
  log: Logger;
  /** Renews the tick's lease while it runs: one per tick function, so its timer outlives a tick. */
  leases: LeaseKeepers;
  stages: Partial<Record<Stage, StageFn>>;
  /** The broker's calendar (early closes it lists and the built-in table does not); the built-in table without it. */
  calendar?: MarketCalendar;
  /** Paces the "tick cannot run" alert (one per window); without it every failing tick alerts. */
  limiter?: RateLimiter;
}

export interface TickConfig {
  mode: string;
  schedule: ScheduleConfig;
  /** Positions open and no successful tick for this many minutes: alert (and flatten when configured). */
  deadManMinutes: number;
  deadManFlatten: boolean;
  /** Milliseconds kept back for recording the cycle and releasing the lock. */
  reserveMs: number;
  /** How long the lock is leased for (renewed every third of it while the tick runs). Default 10 s. */
  leaseMs?: number;
}

/** The lock lease: several times a normal tick's duration, so a crashed tick holds the lock only briefly. */
export const DEFAULT_LEASE_MS = 10_000;
/** At most one "tick cannot run" alert per this window while the failure lasts. */
const CANNOT_RUN_ALERT_EVERY_S = 15 * 60;

export interface TickReport {
  ran: boolean;
  skippedBecause?: string;
  cycleId?: number;
  status?: 'ok' | 'partial' | 'failed';
  stages: StageRecord[];
}

/**
 * One coordinator tick: takes the lock (held → exit quietly), opens a fenced cycle, runs what is due in
 * order within the time the platform gives, records each stage's timing, counts and error, and leaves a
 * live summary for the dashboard. A failed stage never stops the ones that do not depend on it.
 */
export async function runTick(deps: TickDeps, config: TickConfig, remainingMs: () => number): Promise<TickReport> {
  try {
    return await tick(deps, config, remainingMs);
  } catch (e) {
    await alertCannotRun(deps, e);
    throw e;
  }
}

/**
 * A tick that cannot run cannot raise its own dead man's switch: the failing path alerts by itself (paced
 * through the rate limiter, which lets the alert through when Redis is down too).
 */
async function alertCannotRun(deps: TickDeps, e: unknown): Promise<void> {
  try {
    const take = deps.limiter
      ? await deps.limiter.take('alert:tick-cannot-run', { capacity: 1, refillPerSecond: 1 / CANNOT_RUN_ALERT_EVERY_S }).catch(() => ({ allowed: true }))
      : { allowed: true };
    if (!take.allowed) return;
    const code = isAppError(e) ? e.code : 'INTERNAL';
    const message = e instanceof Error ? e.message : String(e);
    await deps.notifier.notify({
      kind: 'error',
      title: 'Tick cannot run',
      text: `${code}: ${message}. Reconcile, exits, the close-out and the dead man's switch do not run until this is fixed.`,
      at: deps.clock.now(),
    });
  } catch (alertError) {
    deps.log.error('could not send the "tick cannot run" alert', { error: alertError });
  }
}

function stillHeld(keeper: LeaseKeeper, token: number): void {
  if (keeper.lost()) throw new AppError('LOCK_LOST', `tick lock lost: another tick holds the lock (this lease, token ${token}, lapsed)`);
}

// A loop, not due.find with a closure per stage: this runs for every stage of every tick.
function dueEntry(due: readonly DueStage[], stage: Stage): DueStage | undefined {
  for (const d of due) if (d.stage === stage) return d;
  return undefined;
}

// Returned from a function, the closure is not a named one (the bundler names those on every creation).
function budgetAfter(remainingMs: () => number, reserveMs: number): () => number {
  return () => remainingMs() - reserveMs;
}

const ignore = (): void => undefined;

const summaryStage = (r: StageRecord) => ({ name: r.name, ok: r.ok, ms: r.ms, error: r.error?.code ?? null });

async function tick(deps: TickDeps, config: TickConfig, remainingMs: () => number): Promise<TickReport> {
  const leaseMs = config.leaseMs ?? DEFAULT_LEASE_MS;
  const lease = await deps.lock.acquire('tick', leaseMs);
  if (!lease) return { ran: false, skippedBecause: 'another tick holds the lock', stages: [] };
  const keeper = deps.leases.keep(lease, leaseMs);
  const records: StageRecord[] = [];
  try {
    const now = deps.clock.now();
    const day = newYorkDate(now);
    const today = deps.calendar ? await deps.calendar.day(day) : calendarDay(day);
    const phase = sessionPhaseIn(today, now);
    // Both reads in flight at once, as Promise.all would have them, without its array, closures and extra hops.
    const lastOkRead = deps.cycles.lastSuccessfulAt();
    const runsRead = deps.cycles.stageRuns();
    // Handled now: when the first read fails, the second's failure must not go unhandled (and end the process).
    runsRead.catch(ignore);
    const lastOk = await lastOkRead;
    const runs = await runsRead;
    const cycle = await deps.cycles.start(lease.token, now, config.mode, phase);
    const due = dueStages(now, today, day, runs, config.schedule);
    const ctx: StageContext = { cycleId: cycle.id, fence: lease.token, now, budgetMs: budgetAfter(remainingMs, config.reserveMs), bag: {} };
    const silentMinutes = lastOk === null ? 0 : (now - lastOk) / 60_000;
    let deadMan = false;
    // Scan feeds analyze feeds execute: what failed of those two (booleans, not a set per tick).
    let scanFailed = false;
    let analyzeFailed = false;
    let failures = 0;
    for (const stage of STAGES) {
      const fn = deps.stages[stage];
      const entry = fn ? dueEntry(due, stage) : undefined;
      if (!entry || !fn) continue;
      stillHeld(keeper, lease.token);
      // Skip what lost its input.
      if ((stage === 'analyze' && scanFailed) || (stage === 'execute' && (analyzeFailed || scanFailed))) continue;
      const started = deps.clock.now();
      const t0 = performance.now();
      let record: StageRecord;
      if (ctx.budgetMs() <= 0) {
        record = { name: stage, startedAt: started, ms: 0, ok: false, why: entry.why, counts: {}, error: { code: 'DEPENDENCY_TIMEOUT', message: 'no time left in this tick' } };
      } else {
        try {
          const counts = await fn(ctx);
          record = { name: stage, startedAt: started, ms: Math.round(performance.now() - t0), ok: true, why: entry.why, counts };
        } catch (e) {
          if (isAppError(e) && e.code === 'LOCK_LOST') throw e;
          const code = isAppError(e) ? e.code : 'INTERNAL';
          record = { name: stage, startedAt: started, ms: Math.round(performance.now() - t0), ok: false, why: entry.why, counts: {}, error: { code, message: e instanceof Error ? e.message : String(e) } };
        }
      }
      if (!record.ok) {
        failures++;
        if (stage === 'scan') scanFailed = true;
        if (stage === 'analyze') analyzeFailed = true;
      }
      records.push(record);
      await deps.cycles.recordStage(cycle.id, lease.token, record, day);
      if (stage === 'reconcile' && record.ok && (ctx.bag.openPositions ?? 0) > 0 && silentMinutes >= config.deadManMinutes) {
        deadMan = true;
        await deps.notifier.notify({ kind: 'dead_man', title: `No successful tick for ${Math.round(silentMinutes)} min`, text: `${ctx.bag.openPositions} position(s) open.${config.deadManFlatten ? ' Flattening now.' : ''}`, at: now });
        if (config.deadManFlatten && deps.stages.flatten) {
          ctx.bag.flattenExitReason = 'dead_man_switch';
          ctx.bag.flattenReason = `dead man's switch: no successful tick for ${Math.round(silentMinutes)} min`;
          if (!due.some((d) => d.stage === 'flatten')) due.push({ stage: 'flatten', why: ctx.bag.flattenReason });
        }
      }
    }
    const status = failures === 0 ? 'ok' : failures === records.length ? 'failed' : 'partial';
    const counts: Record<string, number> = { stages: records.length, errors: failures };
    stillHeld(keeper, lease.token);
    await deps.cycles.finish(cycle.id, lease.token, deps.clock.now(), status, counts);
    try {
      await deps.summary.write({ cycleId: cycle.id, at: now, phase, status, deadMan, stages: records.map(summaryStage), equity: ctx.bag.equity ?? null, openPositions: ctx.bag.openPositions ?? null }, 15 * 60);
    } catch (e) {
      deps.log.warn('could not write the live summary', { error: e });
    }
    if (failures > 0) for (const r of records) if (!r.ok) await deps.notifier.notify({ kind: 'error', title: `Stage ${r.name} failed`, text: `${r.error!.code}: ${r.error!.message}`, at: now });
    if (logs(deps.log, 'info')) deps.log.info('tick', { cycleId: cycle.id, phase, status, stages: records.map((r) => `${r.name}:${r.ok ? 'ok' : r.error!.code}:${r.ms}ms`).join(' ') });
    return { ran: true, cycleId: cycle.id, status, stages: records };
  } finally {
    keeper.stop();
    try {
      await lease.release();
    } catch {
      // The lease lapses by itself; the next tick takes the lock then.
    }
  }
}
