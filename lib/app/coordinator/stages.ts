import type * as z from 'zod/mini';
import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { batches, fanOut } from './fan-out.ts';
import { CollectContract, DetectContract, ExecuteContract, FN, ReconcileContract, ScanContract, SignalsContract, type ArgsOf, type FlattenExitReasonValue, type DetectAnswer, type ScanAnswer, type SignalsAnswer, type WorkerContract } from './contracts.ts';
import { invokeWorker } from './invoke-worker.ts';
import type { Stage } from './schedule.ts';
import { sessionPhaseAt } from '../../domain/calendar/nyse-calendar.ts';

/** What a stage knows about the tick it runs in; `bag` carries results from earlier stages of the tick. */
export interface StageContext {
  cycleId: number;
  fence: number;
  now: number;
  /** Milliseconds this stage may still use. */
  budgetMs: () => number;
  bag: { candidates?: ScanAnswer['candidates']; signals?: SignalsAnswer['signals']; flattenReason?: string; flattenExitReason?: FlattenExitReasonValue; openPositions?: number; equity?: number };
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
  const call = async <A extends z.ZodMiniType, R extends z.ZodMiniType>(contract: WorkerContract<A, R>, params: z.input<A>, ctx: StageContext): Promise<z.output<R>> =>
    valueOf(contract.fn, await invokeWorker(invoker, contract, params, { timeoutMs: Math.max(1, Math.min(options.perCallTimeoutMs, ctx.budgetMs())) }));
  const scanned = async (params: ArgsOf<typeof ScanContract> & { mode: 'scan' }, ctx: StageContext): Promise<ScanAnswer> => {
    const r = await call(ScanContract, params, ctx);
    if (!('candidates' in r)) throw new AppError('INTERNAL', `${FN.scan}: a scan answered like a refresh`);
    return r;
  };
  /** patterns/detect then technical/signals over batches of the unblocked candidates; throws when every signals batch failed. */
  const analyzeCandidates = async (candidates: ScanAnswer['candidates'], ctx: StageContext, market: 'stocks' | 'crypto' = 'stocks'): Promise<{ signals: SignalsAnswer['signals']; counts: Record<string, number> }> => {
    const symbols = candidates.filter((c) => !c.blocked).map((c) => c.symbol);
    if (symbols.length === 0) return { signals: [], counts: { symbols: 0, signals: 0 } };
    const groups = batches(symbols, options.batchSize);
    const half = () => Math.max(1, ctx.budgetMs() / 2);
    const detect = await fanOut((p: ArgsOf<typeof DetectContract>, o) => invokeWorker(invoker, DetectContract, p, o), groups.map((g) => ({ cycleId: ctx.cycleId, symbols: g, ...(market === 'crypto' ? { market } : {}) })), { concurrency: options.concurrency, budgetMs: half(), perCallTimeoutMs: options.perCallTimeoutMs });
    const detections: DetectAnswer['detections'] = {};
    for (const o of detect.outcomes) if (o.outcome.ok) Object.assign(detections, o.outcome.value.detections);
    const answers = await fanOut(
      (p: ArgsOf<typeof SignalsContract>, o) => invokeWorker(invoker, SignalsContract, p, o),
      groups.map((g) => ({ cycleId: ctx.cycleId, fence: ctx.fence, symbols: g, detections: Object.fromEntries(g.map((s) => [s, detections[s] ?? []])) })),
      { concurrency: options.concurrency, budgetMs: ctx.budgetMs(), perCallTimeoutMs: options.perCallTimeoutMs },
    );
    const signals = answers.outcomes.flatMap((o) => (o.outcome.ok ? o.outcome.value.signals : []));
    if (answers.failed === groups.length) throw new AppError('DEPENDENCY_UNAVAILABLE', `every ${FN.signals} batch failed`);
    return { signals, counts: { symbols: symbols.length, batches: groups.length, detectFailed: detect.failed, signalsFailed: answers.failed, signals: signals.length } };
  };
  return {
    reconcile: async (ctx) => {
      const r = await call(ReconcileContract, { fence: ctx.fence }, ctx);
      ctx.bag.openPositions = r.openPositions;
      ctx.bag.equity = r.equity;
      return { orders: r.ordersUpserted, fills: r.fillsNew, tripsClosed: r.tripsClosed, corrections: r.corrections, openPositions: r.openPositions };
    },
    refresh_universe: async (ctx) => {
      const r = await call(ScanContract, { mode: 'refresh', fence: ctx.fence }, ctx);
      if (!('assets' in r)) throw new AppError('INTERNAL', `${FN.scan}: a refresh answered like a scan`);
      return { assets: r.assets, universe: r.universe, stats: r.stats };
    },
    news: async (ctx) => {
      const r = await call(CollectContract, { fence: ctx.fence }, ctx);
      return { inserted: r.inserted, newStories: r.newStories, skipped: r.skipped, sourcesFailed: r.sources.filter((s) => s.error).length };
    },
    scan: async (ctx) => {
      const r = await scanned({ mode: 'scan', cycleId: ctx.cycleId, fence: ctx.fence }, ctx);
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
      const r = await call(ExecuteContract, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'entries' }, ctx);
      return { intents: r.intents, sent: r.sent, denied: r.denied };
    },
    manage_exits: async (ctx) => {
      // Nothing open when this tick reconciled: exits manage open positions (and closes carried on for
      // them), so there is nothing to manage; only reconcile writes positions, and it runs first.
      if (ctx.bag.openPositions === 0) return { intents: 0, sent: 0 };
      // Outside the regular session only crypto trades: manage the pairs.
      const outside = sessionPhaseAt(ctx.now) !== 'regular';
      const r = await call(ExecuteContract, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'exits', ...(outside ? { market: 'crypto' } : {}) }, ctx);
      return { intents: r.intents, sent: r.sent };
    },
    crypto: async (ctx) => {
      // The stock stages' bag is left alone: this cycle runs on its own candidates and signals.
      const counts: Record<string, number> = {};
      let failure: unknown = null;
      try {
        const scan = await scanned({ mode: 'scan', cycleId: ctx.cycleId, fence: ctx.fence, market: 'crypto' }, ctx);
        Object.assign(counts, { universe: scan.universe, withNews: scan.withNews, candidates: scan.candidates.length, excluded: scan.excluded });
        const analysed = await analyzeCandidates(scan.candidates, ctx, 'crypto');
        Object.assign(counts, { symbols: analysed.counts.symbols ?? 0, signals: analysed.signals.length, trades: analysed.signals.filter((x) => x.direction !== 'none').length });
        if (analysed.signals.some((x) => x.direction !== 'none')) {
          const entries = await call(ExecuteContract, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'entries', market: 'crypto' }, ctx);
          Object.assign(counts, { intents: entries.intents, sent: entries.sent, denied: entries.denied });
        }
      } catch (e) {
        if (isAppError(e) && e.code === 'LOCK_LOST') throw e;
        failure = e;
      }
      // Open pairs are managed even when the scan or the analysis failed: crypto has no bracket legs at the broker.
      const exits = await call(ExecuteContract, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'exits', market: 'crypto' }, ctx);
      Object.assign(counts, { exitIntents: exits.intents, exitsSent: exits.sent });
      if (failure !== null) {
        const code = isAppError(failure) ? failure.code : 'INTERNAL';
        throw new AppError(code, `${failure instanceof Error ? failure.message : String(failure)} (exits still ran: ${exits.sent} sent)`);
      }
      return counts;
    },
    flatten: async (ctx) => {
      const r = await call(ExecuteContract, { cycleId: ctx.cycleId, fence: ctx.fence, mode: 'flatten', reason: ctx.bag.flattenReason ?? 'flatten before the close', exitReason: ctx.bag.flattenExitReason ?? 'flatten_before_close' }, ctx);
      return { intents: r.intents, sent: r.sent };
    },
  };
}
