import path from 'node:path';
import { createHash } from 'node:crypto';
import type { IsoDate } from '../lib/domain/time.ts';
import type { Order } from '../lib/domain/orders.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import type { TickReport } from '../lib/app/coordinator/run-tick.ts';
import { performance as tradePerformance, significanceWarning, type ClosedTrade, type Performance } from '../lib/domain/performance.ts';
import { reportAssumptions } from '../lib/compose/assumptions.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { InProcessInvoker } from '../lib/adapters/invoke/in-process-invoker.ts';
import type { Broker } from '../lib/ports/broker.port.ts';
import type { MainFn } from './function-registry.ts';
import { getWorld } from '../lib/compose/world.ts';
import { createRuntime } from '../lib/compose/runtime.ts';
import { reportingReader } from '../lib/compose/stores.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { loadProjectSpec } from './project-spec.ts';
import { loadFunctions } from './function-registry.ts';

const MINUTE = 60_000;

export interface BacktestOptions {
  feed: ReplayFeed;
  /** First and last session replayed (New York dates). */
  from: IsoDate;
  to: IsoDate;
  /** The repository root (project.yml and packages/). */
  root: string;
  /**
   * The environment the run's functions read (TRADING_MODE=backtest, its scratch DATABASE_URL, Redis), as a
   * record: each run builds its own runtime from it, so several backtests may run side by side.
   */
  env: Record<string, string | undefined>;
  /** Minutes between ticks outside [open - 10 min, close + 5 min], where every minute ticks. Default 15. */
  quietStepMinutes?: number;
  onDay?: (day: BacktestDay) => void;
}

/** One replayed session. */
export interface BacktestDay {
  date: IsoDate;
  ticks: number;
  failedTicks: number;
  ordersPlaced: number;
  tradesClosed: number;
  pnlUsd: number;
  equity: number | null;
  wallMs: number;
}

/** One order the system placed, as the broker holds it: what a decision turned into. */
export interface OrderDecision {
  clientOrderId: string;
  symbol: string;
  side: string;
  type: string;
  orderClass: string;
  qty: number | null;
  limitPrice: number | null;
  stopPrice: number | null;
  status: string;
  filledQty: number;
  filledAvgPrice: number | null;
  submittedAt: number;
}

export interface BacktestResult {
  days: BacktestDay[];
  performance: Performance;
  /** The round trips closed in the run, oldest first (research reshuffles them). */
  trades: ClosedTrade[];
  orders: OrderDecision[];
  /** SHA-256 of the orders: two runs of the same data and settings print the same digest. */
  digest: string;
  ticks: number;
  failedTicks: number;
  /** The first few failures, as the tick reported them. */
  errors: string[];
  wallMs: number;
  /** What the figures assume: spread model, slippage, fill rules, latency, fees, metric definitions. */
  assumptions: string[];
  /** What the reader must not overlook (fewer than 30 trades). */
  warnings: string[];
}

function decisionOf(o: Order): OrderDecision {
  const { clientOrderId, symbol, side, type, orderClass, qty, limitPrice, stopPrice, status, filledQty, filledAvgPrice, submittedAt } = o;
  return { clientOrderId, symbol, side, type, orderClass, qty, limitPrice, stopPrice, status, filledQty, filledAvgPrice, submittedAt };
}

/** Every order at the broker, legs included, oldest first (paged by creation time). */
async function allOrders(broker: Broker): Promise<OrderDecision[]> {
  const out: OrderDecision[] = [];
  const seen = new Set<string>();
  let after: number | undefined;
  for (;;) {
    const page = await broker.listOrders({ status: 'all', nested: true, limit: 500, direction: 'asc', ...(after === undefined ? {} : { after: after - 1 }) });
    let added = 0;
    for (const o of page.flatMap((p) => [p, ...p.legs])) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      out.push(decisionOf(o));
      added++;
    }
    if (page.length < 500 || added === 0) break;
    after = page.at(-1)!.createdAt;
  }
  return out.sort((a, b) => a.submittedAt - b.submittedAt || (a.clientOrderId < b.clientOrderId ? -1 : 1));
}

function ticksOf(open: number, close: number, dayStart: number, dayEnd: number, quietMs: number): number[] {
  const busyFrom = open - 10 * MINUTE;
  const busyTo = close + 5 * MINUTE;
  const out: number[] = [];
  for (let t = dayStart; t < busyFrom; t += quietMs) out.push(t);
  for (let t = busyFrom; t <= busyTo; t += MINUTE) out.push(t);
  for (let t = busyTo + quietMs; t < dayEnd; t += quietMs) out.push(t);
  return out;
}

/**
 * Replays stored history through the whole system in this process: the real coordinator/tick function on a
 * stepped clock (every minute from ten minutes before the open to five after the close, every
 * `quietStepMinutes` around it, so news is collected around the clock), every worker through the
 * InProcessInvoker, the simulated broker filling against the replayed bars. The run builds its own runtime
 * from `options.env` (with project.yml's environment under it) and closes it at the end.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const sessions = calendarBetween(options.from, options.to);
  if (sessions.length === 0) throw new Error(`No trading session between ${options.from} and ${options.to}`);
  const started = performance.now();
  const clock = steppingClock(newYorkTime(sessions[0]!.date, '00:00'));
  const project = loadProjectSpec(path.join(options.root, 'project.yml'), options.env);
  const raw: Record<string, string | undefined> = { ...project.environment };
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) raw[k] = v;
  // The coordinator reaches the workers in process; they are loaded over this same runtime.
  const mains = new Map<string, MainFn>();
  const runtime = createRuntime(loadConfig(raw), { clock, replayFeed: options.feed, invoker: new InProcessInvoker(mains) });
  try {
    const functions = await loadFunctions(options.root, project.functions, runtime);
    for (const [id, f] of functions) mains.set(id, f.main);
    const tick = mains.get('coordinator/tick');
    if (!tick) throw new Error('project.yml has no coordinator/tick function');
    const reader = reportingReader(runtime);
    const broker = getWorld(runtime).broker;
    const days: BacktestDay[] = [];
    const quietMs = (options.quietStepMinutes ?? 15) * MINUTE;
    let placed = 0;
    const errors: string[] = [];
    for (const session of sessions) {
      const dayStarted = performance.now();
      const dayStart = newYorkTime(session.date, '00:00');
      const times = ticksOf(session.open, session.close, dayStart, dayStart + 24 * 60 * MINUTE, quietMs);
      let failedTicks = 0;
      for (const at of times) {
        clock.set(at);
        const res = (await tick({})) as { statusCode?: number; body?: unknown };
        const report = (typeof res.body === 'string' ? JSON.parse(res.body) : res.body) as TickReport | undefined;
        if ((res.statusCode ?? 200) < 300 && report?.status !== 'failed') continue;
        failedTicks++;
        if (errors.length < 5) errors.push(`${new Date(at).toISOString()}: ${typeof res.body === 'string' ? res.body.slice(0, 500) : JSON.stringify(res.body).slice(0, 500)}`);
      }
      const [closed, account, orders] = await Promise.all([reader.closedTrades(dayStart), reader.latestAccount(), allOrders(broker)]);
      const today = closed.filter((t) => t.exitDate === session.date);
      const day: BacktestDay = {
        date: session.date,
        ticks: times.length,
        failedTicks,
        ordersPlaced: orders.length - placed,
        tradesClosed: today.length,
        pnlUsd: today.reduce((s, t) => s + t.pnlUsd, 0),
        equity: account?.equity ?? null,
        wallMs: performance.now() - dayStarted,
      };
      placed = orders.length;
      days.push(day);
      options.onDay?.(day);
    }
    const from = newYorkTime(sessions[0]!.date, '00:00');
    const [closed, equity, orders] = await Promise.all([reader.closedTrades(from), reader.equity(from, 100_000), allOrders(broker)]);
    const digest = createHash('sha256').update(JSON.stringify(orders)).digest('hex');
    const figures = tradePerformance(closed, equity);
    const warning = significanceWarning(figures.trades);
    return {
      days,
      performance: figures,
      trades: closed.map(({ exitAt, exitDate, pnlUsd, rMultiple, feesUsd }) => ({ exitAt, exitDate, pnlUsd, rMultiple, feesUsd: feesUsd ?? 0 })),
      assumptions: reportAssumptions('backtest', { spreadModel: options.feed.spreadModel().model }),
      warnings: warning ? [warning] : [],
      orders,
      digest,
      ticks: days.reduce((s, d) => s + d.ticks, 0),
      failedTicks: days.reduce((s, d) => s + d.failedTicks, 0),
      errors,
      wallMs: performance.now() - started,
    };
  } finally {
    await runtime.close();
  }
}
