import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { batches, fanOut } from './fan-out.ts';
import { FN, type CollectAnswer, type DetectAnswer, type ExecuteAnswer, type ReconcileAnswer, type ScanAnswer, type SignalsAnswer } from './contracts.ts';
import type { Stage } from './schedule.ts';
import { sessionPhaseAt } from '../../domain/calendar/nyse-calendar.ts';

/** What a stage knows about the tick it runs in; `bag` carries results from earlier stages of the tick. */
export interface StageContext {
  cycleId: number;
  fence: number;
  now: number;
  /** Milliseconds this stage may still use. */
  budgetMs: () => number;
  bag: { candidates?: ScanAnswer['candidates']; signals?: SignalsAnswer['signals']; flattenReason?: string; openPositions?: number; equity?: number };
}

export type StageFn = (ctx: StageContext) => Promise<Record<string, number>>;

export interface StageOptions {
  batchSize: number;
  concurrency: number;
  perCallTimeoutMs: number;
}

function valueOf<T>(fn: string, o: InvokeOutcome<T>): T {
  if (o.ok) return o.value;
  throw new AppError(o.error.retryable ? 'DEPENDENCY_UNAVAILABLE' : 'INTERNAL', `${fn}: ${o.error.code} ${o.error.message}`);
}

/**
 * The stages that reach workers through the Invoker. Each returns its counts; a failure throws, and the
 * tick records it and goes on with the stages that do not depend on it.
 */
export function workerStages(invoker: Invoker, options: StageOptions): Partial<Record<Stage, StageFn>> {
  const call = async <T>(fn: string, params: Record<string, unknown>, ctx: StageContext): Promise<T> =>
    valueOf(fn, await invoker.invoke<T>(fn, params, { timeoutMs: Math.max(1, Math.min(options.perCallTimeoutMs, ctx.budgetMs())) }));
  /** patterns/detect then technical/signals over batches of the unblocked candidates; throws when every signals batch failed. */
  const analyzeCandidates = async (candidates: ScanAnswer['candidates'], ctx: StageContext, market: 'stocks' | 'crypto' = 'stocks'): Promise<{ signals: SignalsAnswer['signals']; counts: Record<string, number> }> => {
    const symbols = candidates.filter((c) => !c.blocked).map((c) => c.symbol);
    if (symbols.length === 0) return { signals: [], counts: { symbols: 0, signals: 0 } };
    const groups = batches(symbols, options.batchSize);
    const half = () => Math.max(1, ctx.budgetMs() / 2);
    const detect = await fanOut<DetectAnswer>(invoker, FN.detect, groups.map((g) => ({ cycleId: ctx.cycleId, symbols: g, ...(market === 'crypto' ? { market } : {}) })), { concurrency: options.concurrency, budgetMs: half(), perCallTimeoutMs: options.perCallTimeoutMs });
    const detections: DetectAnswer['detections'] = {};
    for (const o of detect.outcomes) if (o.outcome.ok) Object.assign(detections, o.outcome.value.detections);
    const answers = await fanOut<SignalsAnswer>(
      invoker,
      FN.signals,
      groups.map((g) => ({ cycleId: ctx.cycleId, fence: ctx.fence, symbols: g, detections: Object.fromEntries(g.map((s) => [s, detections[s] ?? []])) })),
      { concurrency: options.concurrency, budgetMs: ctx.budgetMs(), perCallTimeoutMs: options.perCallTimeoutMs },
    );
    const signals = answers.outcomes.flatMap((o) => (o.outcome.ok ? o.outcome.value.signals : []));
    if (answers.failed === groups.length) throw new AppError('DEPENDENCY_UNAVAILABLE', `every ${FN.signals} batch failed`);
    return { signals, counts: { symbols: symbols.length, batches: groups.length, detectFailed: detect.failed, signalsFailed: answers.failed, signals: signals.length } };
  };
  return {
    reconcile: async (ctx) => {
      const r = await call<ReconcileAnswer>(FN.reconcile, { fence: ctx.fence }, ctx);
      ctx.bag.openPositions = r.openPositions;
      ctx.bag.equity = r.equity;
      return { orders: r.ordersUpserted, fills: r.fillsNew, tripsClosed: r.tripsClosed, corrections: r.corrections, openPositions: r.openPositions };
    },
    refresh_universe: async (ctx) => {
      const r = await call<{ assets: number; universe: number; stats: number }>(FN.scan, { mode: 'refresh', fence: ctx.fence }, ctx);
      return { assets: r.assets, universe: r.universe, stats: r.stats };
    },
    news: async (ctx) => {
      const r = await call<CollectAnswer>(FN.collect, { fence: ctx.fence }, ctx);
      return { inserted: r.inserted, newStories: r.newStories, skipped: r.skipped, sourcesFailed: r.sources.filter((s) => s.error).length };
    },
    scan: async (ctx) => {
      const r = await call<ScanAnswer>(FN.scan, { mode: 'scan', cycleId: ctx.cycleId, fence: ctx.fence }, ctx);
      ctx.bag.candidates = r.candidates;
      return { universe: r.universe, withNews: r.withNews, candidates: r.candidates.length, dataCalls: r.dataCalls };
    },
    analyze: async (ctx) => {
      const r = await analyzeCandidates(ctx.bag.candidates ?? [], ctx);
      ctx.bag.signals = r.signals;
      return r.counts;
    },
    execute: async (ctx): Promise<Record<string, number>> => {
      if (!ctx.bag.signals?.some((s) => s.direction !== 'none')) return { intents: 0 };
      const r = await call<ExecuteAnswer>(FN.execute, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'entries' }, ctx);
      return { intents: r.intents, sent: r.sent, denied: r.denied };
    },
    manage_exits: async (ctx) => {
      // Outside the regular session only crypto trades: manage the pairs, and nothing when nothing is open.
      const outside = sessionPhaseAt(ctx.now) !== 'regular';
      if (outside && ctx.bag.openPositions === 0) return { intents: 0, sent: 0 };
      const r = await call<ExecuteAnswer>(FN.execute, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'exits', ...(outside ? { market: 'crypto' } : {}) }, ctx);
      return { intents: r.intents, sent: r.sent };
    },
    crypto: async (ctx) => {
      // The stock stages' bag is left alone: this cycle runs on its own candidates and signals.
      const counts: Record<string, number> = {};
      let failure: unknown = null;
      try {
        const scanned = await call<ScanAnswer>(FN.scan, { mode: 'scan', cycleId: ctx.cycleId, fence: ctx.fence, market: 'crypto' }, ctx);
        Object.assign(counts, { universe: scanned.universe, withNews: scanned.withNews, candidates: scanned.candidates.length, excluded: scanned.excluded ?? 0 });
        const analysed = await analyzeCandidates(scanned.candidates, ctx, 'crypto');
        Object.assign(counts, { symbols: analysed.counts.symbols ?? 0, signals: analysed.signals.length, trades: analysed.signals.filter((x) => x.direction !== 'none').length });
        if (analysed.signals.some((x) => x.direction !== 'none')) {
          const entries = await call<ExecuteAnswer>(FN.execute, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'entries', market: 'crypto' }, ctx);
          Object.assign(counts, { intents: entries.intents, sent: entries.sent, denied: entries.denied });
        }
      } catch (e) {
        if (isAppError(e) && e.code === 'LOCK_LOST') throw e;
        failure = e;
      }
      // Open pairs are managed even when the scan or the analysis failed: crypto has no bracket legs at the broker.
      const exits = await call<ExecuteAnswer>(FN.execute, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'exits', market: 'crypto' }, ctx);
      Object.assign(counts, { exitIntents: exits.intents, exitsSent: exits.sent });
      if (failure !== null) {
        const code = isAppError(failure) ? failure.code : 'INTERNAL';
        throw new AppError(code, `${failure instanceof Error ? failure.message : String(failure)} (exits still ran: ${exits.sent} sent)`);
      }
      return counts;
    },
    flatten: async (ctx) => {
      const r = await call<ExecuteAnswer>(FN.execute, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'flatten', reason: ctx.bag.flattenReason ?? 'flatten before the close' }, ctx);
      return { intents: r.intents, sent: r.sent };
    },
  };
}
