// The module's binding: the global `performance` is a getter, run on every read.
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import type { TickReport } from '../../app/coordinator/run-tick.ts';
import { performance as tradePerformance, significanceWarning } from '../../domain/performance.ts';
import { reportAssumptions } from '../assumptions.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { steppingClock } from '../../adapters/clock/stepping-clock.ts';
import { InProcessInvoker } from '../../adapters/invoke/in-process-invoker.ts';
import type { ReportingReader } from '../../ports/reporting-reader.port.ts';
import { BACKTEST_FUNCTIONS, type MainFn } from '../functions/backtest-functions.ts';
import { getWorld } from '../world.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { backtestWorld } from '../world-backtest.ts';
import type { World } from '../world-type.ts';
import { AppError } from '../../shared/errors.ts';
import { STEPPED_LIMIT_MS, steppedTickContext } from './stepped-limits.ts';
import { reportingReader } from '../stores.ts';
import { loadConfig } from '../../config/load-config.ts';
import { answerOf } from '../../platform/in-process-answer.ts';
import { allFills, allOrders } from './backtest-orders.ts';
import type { BacktestDay, BacktestDetail, BacktestOptions, BacktestResult, MinuteEquity, StageTotal } from './backtest-types.ts';

export type { BacktestDay, BacktestOptions, BacktestResult } from './backtest-types.ts';
export type { OrderDecision } from './backtest-orders.ts';

const MINUTE = 60_000;
function ticksOf(open: number, close: number, dayStart: number, dayEnd: number, quietMs: number): number[] {
  const busyFrom = open - 10 * MINUTE;
  const busyTo = close + 5 * MINUTE;
  const out: number[] = [];
  for (let t = dayStart; t < busyFrom; t += quietMs) out.push(t);
  for (let t = busyFrom; t <= busyTo; t += MINUTE) out.push(t);
  for (let t = busyTo + quietMs; t < dayEnd; t += quietMs) out.push(t);
  return out;
}

/** Every trade the reader holds, oldest first, each with its decision audit. */
async function tradesWithAudit(reader: ReportingReader): Promise<BacktestDetail['trades']> {
  const out: BacktestDetail['trades'] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await reader.trades({ status: 'all', limit: 500, ...(beforeId === undefined ? {} : { beforeId }) });
    for (const t of page.trades as Record<string, unknown>[]) out.push({ trade: t, audit: await reader.tradeAudit(Number(t.id)) });
    if (page.nextBeforeId === null) break;
    beforeId = page.nextBeforeId;
  }
  return out.reverse();
}

function addStages(totals: Map<string, StageTotal>, report: TickReport | undefined): number {
  let sent = 0;
  if (!report) return 0;
  for (const s of report.stages) {
    let t = totals.get(s.name);
    if (t === undefined) totals.set(s.name, (t = { name: s.name, ms: 0, runs: 0 }));
    t.ms += s.ms;
    t.runs++;
    sent += s.counts.sent ?? 0;
  }
  return sent;
}

/** The replay's world, carried by whatever runs a backtest (a deployed research/trial too: its bundle has no simulator otherwise). */
function replayWorld(rt: Runtime): World {
  const env = rt.env;
  if (env.TRADING_MODE !== 'backtest') throw new AppError('CONFIG_INVALID', `TRADING_MODE: a backtest runs with TRADING_MODE=backtest, got ${env.TRADING_MODE}`);
  return backtestWorld(rt, env);
}

/**
 * Replays stored history through the whole system in this process: the real coordinator/tick function on a
 * stepped clock (every minute from ten minutes before the open to five after the close, every
 * `quietStepMinutes` around it, so news is collected around the clock), every worker through the
 * InProcessInvoker, the simulated broker filling against the replayed bars, the state in `options.stores`
 * (in memory) or the env's Postgres and Redis. Stops before the next tick once `shouldStop()` says so.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const sessions = calendarBetween(options.from, options.to);
  if (sessions.length === 0) throw new Error(`No trading session between ${options.from} and ${options.to}`);
  const wall = options.wallNow ?? (() => performance.now());
  const started = wall();
  const from = newYorkTime(sessions[0]!.date, '00:00');
  const clock = options.clock ?? steppingClock(from);
  clock.set(from);
  const raw: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) raw[k] = v;
  // The coordinator reaches the workers in process; they are loaded over this same runtime.
  const mains = new Map<string, MainFn>();
  const runtime = createRuntime(loadConfig(raw), { clock, replayFeed: options.feed, invoker: new InProcessInvoker(mains), simWorld: replayWorld, workerCallTimeoutMs: STEPPED_LIMIT_MS, ...(options.stores ? { stores: options.stores } : {}), ...(options.newsAnalysis ? { newsAnalysis: options.newsAnalysis } : {}), ...(options.sharedDetections ? { sharedDetections: options.sharedDetections } : {}), ...(options.sharedTechnicals ? { sharedTechnicals: options.sharedTechnicals } : {}), ...(options.sharedScanInputs ? { sharedScanInputs: options.sharedScanInputs } : {}) });
  try {
    for (const [id, create] of Object.entries(BACKTEST_FUNCTIONS)) mains.set(id, create(runtime));
    const tick = mains.get('coordinator/tick')!;
    const reader = reportingReader(runtime);
    const broker = getWorld(runtime).broker;
    const days: BacktestDay[] = [];
    const quietMs = (options.quietStepMinutes ?? 15) * MINUTE;
    const errors: string[] = [];
    const curve: MinuteEquity[] = [];
    const stages = new Map<string, StageTotal>();
    let placed = 0;
    let bars = 0;
    let sent = 0;
    // Numbers the ticks' activations, as the platform names each run of the scheduled trigger.
    let tickCount = 0;
    let interrupted = false;
    // Bars are counted between ticks across days, so each bar of the replayed days counts once.
    let previous = from;
    // Loading the system (the runtime and every function built over it) is a one-time start, reported apart.
    const replayStarted = wall();
    for (const [index, session] of sessions.entries()) {
      if (options.shouldStop?.()) {
        interrupted = true;
        break;
      }
      const dayStarted = wall();
      await options.feed.loadSession?.(session.date);
      const dayStart = newYorkTime(session.date, '00:00');
      const times = ticksOf(session.open, session.close, dayStart, dayStart + 24 * 60 * MINUTE, quietMs);
      let failedTicks = 0;
      let ticked = 0;
      let dayBars = 0;
      for (const at of times) {
        if (options.shouldStop?.()) {
          interrupted = true;
          break;
        }
        clock.set(at);
        // The scheduled trigger, in process: the tick's answer comes back as the value it proved JSON-safe.
        const res = (await tick({}, steppedTickContext(`backtest-tick-${++tickCount}`))) as { statusCode?: number; body?: unknown };
        const report = answerOf(res) as TickReport | undefined;
        ticked++;
        if (options.feed.countBetween) dayBars += options.feed.countBetween(previous, at);
        else for (const _ of options.feed.barsBetween(previous, at)) dayBars++;
        previous = at;
        sent += addStages(stages, report);
        if (at >= session.open && at <= session.close) curve.push({ at, equity: (await broker.getAccount()).equity });
        if ((res.statusCode ?? 200) >= 300 || report?.status === 'failed') {
          failedTicks++;
          if (errors.length < 5) errors.push(`${new Date(at).toISOString()}: ${typeof res.body === 'string' ? res.body.slice(0, 500) : JSON.stringify(res.body).slice(0, 500)}`);
        }
        const first = curve[0]?.equity;
        options.onProgress?.({ date: session.date, sessionsDone: index, sessions: sessions.length, sessionFraction: ticked / times.length, bars: bars + dayBars, ordersSent: sent, pnlUsd: first === undefined ? null : curve.at(-1)!.equity - first, elapsedMs: wall() - started });
      }
      bars += dayBars;
      const [closed, account, orders] = await Promise.all([reader.closedTrades(dayStart), reader.latestAccount(), allOrders(broker)]);
      const today = closed.filter((t) => t.exitDate === session.date);
      const day: BacktestDay = {
        date: session.date,
        ticks: ticked,
        failedTicks,
        bars: dayBars,
        ordersPlaced: orders.length - placed,
        tradesClosed: today.length,
        pnlUsd: today.reduce((s, t) => s + t.pnlUsd, 0),
        equity: account?.equity ?? null,
        wallMs: wall() - dayStarted,
      };
      placed = orders.length;
      days.push(day);
      options.onDay?.(day);
      if (interrupted) break;
    }
    const [closed, equity, orders] = await Promise.all([reader.closedTrades(from), reader.equity(from, 100_000), allOrders(broker)]);
    const digest = createHash('sha256').update(JSON.stringify(orders)).digest('hex');
    const figures = tradePerformance(closed, equity);
    const warning = significanceWarning(figures.trades);
    const detail = options.detail ? { fills: await allFills(broker), trades: await tradesWithAudit(reader) } : undefined;
    return {
      days,
      sessions: sessions.length,
      interrupted,
      performance: figures,
      trades: closed.map(({ exitAt, exitDate, pnlUsd, rMultiple, feesUsd }) => ({ exitAt, exitDate, pnlUsd, rMultiple, feesUsd: feesUsd ?? 0 })),
      assumptions: reportAssumptions('backtest', { spreadModel: options.feed.spreadModel().model }),
      warnings: warning ? [warning] : [],
      orders,
      digest,
      ticks: days.reduce((s, d) => s + d.ticks, 0),
      failedTicks: days.reduce((s, d) => s + d.failedTicks, 0),
      bars,
      errors,
      wallMs: wall() - started,
      startupMs: replayStarted - started,
      equityPerMinute: curve,
      stageTotals: [...stages.values()].sort((a, b) => b.ms - a.ms),
      ...(detail ? { detail } : {}),
    };
  } finally {
    await runtime.close();
  }
}
