import * as z from 'zod/mini';

/**
 * The coordinator↔worker contracts: per worker, one schema for its arguments and one for its answer. The
 * worker's handler parses its arguments and checks its answer with them (lib/compose/worker.ts); the
 * coordinator checks the arguments it sends and parses the answer it gets (invoke-worker.ts). A drift on
 * either side is a refused call, and a failing test, never a silent cast. zod/mini: they ride in bundles.
 */
export interface WorkerContract<A extends z.ZodMiniType, R extends z.ZodMiniType, F extends string = string> {
  /** Function id, as in project.yml. */
  fn: F;
  args: A;
  answer: R;
}

// Compiled: each invocation is checked on both sides, and zod's generated checker is ~20x the runtime parser
// on these shapes; a value it rejects goes to the runtime parser, so the issues reported are the same.
const contract = <const F extends string, A extends z.ZodMiniType, R extends z.ZodMiniType>(fn: F, args: A, answer: R): WorkerContract<A, R, F> => ({
  fn,
  args: z.compile(args),
  answer: z.compile(answer),
});

const SymbolArg = z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/));
const Symbols = z.array(SymbolArg).check(z.minLength(1), z.maxLength(500));
/**
 * Postgres `bigint` ids and tokens, as JSON numbers: whole, positive, exactly representable. One check with one
 * message stating the whole range, so a fractional, negative or huge value (1e300, 2^63) is told what is allowed.
 */
const BIGINT_ID = () =>
  z.number().check(z.refine((n) => Number.isSafeInteger(n) && n >= 1, { error: `expected a whole number from 1 to ${Number.MAX_SAFE_INTEGER} (2^53 - 1)`, abort: true }));
/** The id of a cycle the coordinator opened. */
export const CycleId = BIGINT_ID();
/** The coordinator's fencing token a worker writes under (absent when run by hand). */
export const Fence = z.optional(BIGINT_ID());
const Market = z.enum(['stocks', 'crypto']);
const Count = z.number().check(z.int(), z.nonnegative());

export const CollectContract = contract(
  'news/collect',
  z.object({ fence: Fence }),
  z.strictObject({
    inserted: Count,
    duplicates: Count,
    newStories: Count,
    skipped: Count,
    sources: z.array(z.strictObject({ source: z.string(), fetched: Count, skipped: Count, durationMs: z.number(), error: z.optional(z.object({ code: z.string(), message: z.string() })) })),
  }),
);

export const ScanContract = contract(
  'scanner/scan',
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('refresh'), fence: Fence }),
    z.object({ mode: z.literal('scan'), cycleId: CycleId, fence: Fence, market: z._default(Market, 'stocks') }),
  ]),
  z.union([
    z.strictObject({ assets: Count, universe: Count, stats: Count }),
    z.strictObject({
      universe: Count,
      withNews: Count,
      dataCalls: Count,
      /** Symbols with news the scanner left out (price band, liquidity, spread, no trade yet). */
      excluded: Count,
      candidates: z.array(z.strictObject({ id: z.number(), symbol: z.string(), rank: z.number(), score: z.number(), direction: z.enum(['long', 'short']), blocked: z.boolean() })),
    }),
  ]),
);

/** A chart pattern or setup on a symbol's recent bars (strategy-types.ts `Detection`). */
export const DetectionSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['pattern', 'setup']),
  direction: z.enum(['bullish', 'bearish', 'neutral', 'long', 'short']),
  t: z.number(),
  levels: z.record(z.string(), z.number()),
});

export const DetectContract = contract(
  'patterns/detect',
  /** crypto: setups in midnight-to-midnight New York days instead of NYSE sessions. */
  z.object({ cycleId: CycleId, symbols: Symbols, market: z._default(Market, 'stocks') }),
  z.strictObject({ detections: z.record(z.string(), z.array(DetectionSchema)) }),
);

export const SignalsContract = contract(
  'technical/signals',
  z.object({ cycleId: CycleId, fence: Fence, symbols: Symbols, detections: z._default(z.record(z.string(), z.array(DetectionSchema)), {}) }),
  z.strictObject({ signals: z.array(z.strictObject({ id: z.number(), symbol: z.string(), direction: z.enum(['long', 'short', 'none']), score: z.number() })) }),
);

/** Why a flatten closes positions: a value, never read out of the message. */
export const FlattenExitReason = z.enum(['flatten_before_close', 'dead_man_switch']);
export type FlattenExitReasonValue = z.output<typeof FlattenExitReason>;

export const ExecuteContract = contract(
  'trading/execute',
  z.object({
    cycleId: CycleId,
    fence: Fence,
    /** entries: act on this cycle's signals; exits: manage open positions; flatten: close everything. */
    mode: z.enum(['entries', 'exits', 'flatten']),
    /** flatten: why, in words (stored with the intents), and as a value. */
    reason: z.optional(z.string().check(z.maxLength(500))),
    exitReason: z.optional(FlattenExitReason),
    /** Entries and exits: act on this market's symbols only (the default: every symbol). */
    market: z.optional(Market),
  }),
  z.strictObject({
    intents: Count,
    sent: Count,
    denied: Count,
    byStatus: z.record(z.string(), z.number()),
    denials: z.array(z.strictObject({ symbol: z.string(), reason: z.string(), message: z.string() })),
    /** flatten: closes left to the next ticks while the positions' legs are pending cancel. */
    deferred: z.optional(Count),
  }),
);

export const ReconcileContract = contract(
  'trading/reconcile',
  z.object({ fence: Fence }),
  z.strictObject({
    ordersUpserted: Count,
    fillsNew: Count,
    tripsOpened: Count,
    tripsClosed: Count,
    corrections: Count,
    intentsResolved: Count,
    intentsFailed: Count,
    openPositions: Count,
    equity: z.number(),
  }),
);

/** Every worker the coordinator invokes. */
export const WORKER_CONTRACTS = [CollectContract, ScanContract, DetectContract, SignalsContract, ExecuteContract, ReconcileContract] as const;

export type ArgsOf<C> = C extends WorkerContract<infer A, z.ZodMiniType, string> ? z.input<A> : never;
export type AnswerOf<C> = C extends WorkerContract<z.ZodMiniType, infer R, string> ? z.output<R> : never;

export type CollectAnswer = AnswerOf<typeof CollectContract>;
export type ScanAnswer = Extract<AnswerOf<typeof ScanContract>, { candidates: unknown }>;
export type RefreshAnswer = Extract<AnswerOf<typeof ScanContract>, { assets: number }>;
export type DetectAnswer = AnswerOf<typeof DetectContract>;
export type SignalsAnswer = AnswerOf<typeof SignalsContract>;
export type ExecuteAnswer = AnswerOf<typeof ExecuteContract>;
export type ReconcileAnswer = AnswerOf<typeof ReconcileContract>;

/** Function ids, as in project.yml. */
export const FN = {
  collect: CollectContract.fn,
  scan: ScanContract.fn,
  detect: DetectContract.fn,
  signals: SignalsContract.fn,
  execute: ExecuteContract.fn,
  reconcile: ReconcileContract.fn,
} as const;
