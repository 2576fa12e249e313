import * as z from 'zod/mini';

const IsoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' }));
const Whole = z.number().check(z.int(), z.nonnegative());
const Figure = z.nullable(z.number());

const TrialRequestSchema = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(2000)),
  point: z.record(z.string(), z.number()),
  window: z.object({ from: IsoDay, to: IsoDay }),
});

const TrialStudySchema = z.object({
  history: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('stored') }),
    z.object({ kind: z.literal('synthetic'), seed: Whole, symbols: z.number().check(z.int(), z.minimum(1), z.maximum(5000)), newsRate: z.number().check(z.nonnegative()) }),
  ]),
  from: IsoDay,
  to: IsoDay,
  symbols: z.optional(z.array(z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/))).check(z.maxLength(5000))),
});

const TrialResultSchema = z.object({
  sessionReturns: z.array(z.number()),
  trades: z.array(z.object({ exitDate: IsoDay, netPnlUsd: z.number() })),
  startEquityUsd: z.number(),
  metrics: z.object({
    trades: Whole,
    netPnlUsd: z.number(),
    totalReturn: Figure,
    sharpe: Figure,
    sortino: Figure,
    profitFactor: Figure,
    expectancyUsd: Figure,
    winRate: Figure,
    maxDrawdown: z.number(),
  }),
  digest: z.string(),
});

/**
 * research/trial: one optimiser trial (a whole-system backtest of `request.window` with `request.point`'s
 * settings) over the study's history, which the function loads itself (never sent: the 1 MB limit). Both
 * sides check it: the handler its arguments and answer (lib/compose/worker.ts), the caller the answer.
 */
export const TrialContract = {
  fn: 'research/trial' as const,
  args: z.object({ request: TrialRequestSchema, study: TrialStudySchema }),
  answer: TrialResultSchema,
};
