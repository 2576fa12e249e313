import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { runTick } from '../../../lib/app/coordinator/run-tick.ts';
import { workerStages } from '../../../lib/app/coordinator/stages.ts';
import { dailyReport } from '../../../lib/app/reporting/daily-report.ts';
import { buildInvoker } from '../../../lib/compose/invoker.ts';
import { scheduleConfig } from '../../../lib/compose/settings.ts';
import { PgDailyReports } from '../../../lib/adapters/postgres/daily-reports.repo.ts';
import { getPool } from '../../../lib/compose/runtime.ts';

/** coordinator/tick: the one scheduled function; runs what is due now and records the cycle. */
export const main = worker('coordinator/tick', z.object({}), async (_input, { deps, remainingMs }) => {
  const env = deps.env;
  const invoker = buildInvoker();
  const stages = {
    ...workerStages(invoker, { batchSize: env.FANOUT_BATCH_SIZE, concurrency: env.FANOUT_CONCURRENCY, perCallTimeoutMs: 25_000 }),
    daily_report: () => dailyReport({ reader: deps.reader, reports: new PgDailyReports(getPool()), notifier: deps.notifier, clock: deps.world.clock }),
  };
  // Deployed, the platform says how long is left; locally without a deadline, a minute is the cycle's budget.
  const left = () => (Number.isFinite(remainingMs()) ? remainingMs() : 55_000);
  return runTick(
    { lock: deps.lock, cycles: deps.cycles, clock: deps.world.clock, notifier: deps.notifier, summary: deps.live, log: deps.log, stages },
    { mode: env.TRADING_MODE, schedule: scheduleConfig(env), deadManMinutes: env.DEAD_MAN_MINUTES, deadManFlatten: env.DEAD_MAN_FLATTEN, reserveMs: 2_000 },
    left,
  );
});
