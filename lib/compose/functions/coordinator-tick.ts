import * as z from 'zod/mini';
import { worker } from '../worker.ts';
import { runTick, type TickReport } from '../../app/coordinator/run-tick.ts';
import { workerStages } from '../../app/coordinator/stages.ts';
import { dailyReport } from '../../app/reporting/daily-report.ts';
import { buildInvoker } from '../invoker.ts';
import { failuresAsActivationErrors } from '../../platform/activation-error.ts';
import { buildNotifier } from '../notifier.ts';
import { scheduleConfig } from '../settings.ts';
import { tradingClock } from '../clock.ts';
import { cycleStore, dailyReports, liveSummary, rateLimiter, reportingReader, tickLock } from '../stores.ts';
import type { Runtime } from '../runtime.ts';
import { getWorld } from '../world.ts';
import { BrokerCalendar } from '../../app/coordinator/broker-calendar.ts';
import { LeaseKeepers } from '../../app/coordinator/lease-keeper.ts';

function setup(rt: Runtime) {
  const env = rt.env;
  const notifier = buildNotifier(rt, rateLimiter(rt));
  const clock = tradingClock(rt);
  const stages = {
    ...workerStages(buildInvoker(rt), { batchSize: env.FANOUT_BATCH_SIZE, concurrency: env.FANOUT_CONCURRENCY, perCallTimeoutMs: rt.overrides.workerCallTimeoutMs ?? 25_000 }),
    daily_report: () => dailyReport({ reader: reportingReader(rt), reports: dailyReports(rt), notifier, clock }),
  };
  return {
    // Built once per cold start, as the env it reads: not a new schedule object every tick.
    config: { mode: env.TRADING_MODE, schedule: scheduleConfig(env), deadManMinutes: env.DEAD_MAN_MINUTES, deadManFlatten: env.DEAD_MAN_FLATTEN, reserveMs: 2_000 },
    tick: { lock: tickLock(rt), cycles: cycleStore(rt), clock, notifier, summary: liveSummary(rt), log: rt.logger, leases: new LeaseKeepers(rt.logger), stages, limiter: rateLimiter(rt), calendar: new BrokerCalendar(getWorld(rt).broker, clock, rt.logger) },
  };
}

/** A tick whose every stage failed is a failed activation for the platform too (see activation-error.ts). */
function everyStageFailed(body: unknown): string | null {
  const r = body as { status?: string; stages?: { name: string; error?: { code: string; message: string } }[] } | null;
  if (r?.status !== 'failed') return null;
  return `every stage failed: ${(r.stages ?? []).map((s) => `${s.name}: ${s.error?.code ?? '?'} ${s.error?.message ?? ''}`.trim()).join('; ')}`;
}

// Compiled, as the workers' contracts are (contracts.ts): the runtime parser takes ~4 us for these two trivial
// schemas, every tick; a value the compiled checker rejects goes to the runtime parser, so the issues are the same.
const TickArgs = z.compile(z.object({}));
const TickAnswer = z.compile(z.custom<TickReport>());

/** coordinator/tick: the one scheduled function; runs what is due now and records the cycle. */
const tick = worker({ fn: 'coordinator/tick', args: TickArgs, answer: TickAnswer }, setup, async (_input, { deps, remainingMs }) => {
  return runTick(deps.tick, deps.config, timeLeft(remainingMs));
});

/** Deployed, the platform says how long is left; without a deadline, a minute is the cycle's budget. */
function timeLeft(remainingMs: () => number): () => number {
  return () => {
    const left = remainingMs();
    return Number.isFinite(left) ? left : 55_000;
  };
}

export const main = failuresAsActivationErrors(tick.main, everyStageFailed);
export const create = (rt: Runtime) => failuresAsActivationErrors(tick.create(rt), everyStageFailed);
