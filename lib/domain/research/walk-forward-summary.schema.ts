import * as z from 'zod/mini';

/**
 * A walk-forward study as `npm run optimize` stores it when done (research_runs.summary: the report of
 * lib/app/research/walk-forward.ts without its run counters), as a schema: the research views parse it on
 * the way out. Ratios are fractions; Sharpe ratios daily, annualised by sqrt(252).
 */
const nnum = z.nullable(z.number());
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const trialMetricsSchema = z.object({
  trades: z.number(),
  netPnlUsd: z.number(),
  totalReturn: nnum,
  sharpe: nnum,
  sortino: nnum,
  profitFactor: nnum,
  expectancyUsd: nnum,
  winRate: nnum,
  maxDrawdown: z.number(),
});

export const trialResultSchema = z.object({
  sessionReturns: z.array(z.number()),
  trades: z.array(z.object({ exitDate: date, netPnlUsd: z.number() })),
  startEquityUsd: z.number(),
  metrics: trialMetricsSchema,
  digest: z.string(),
});

const windowSchema = z.object({ from: date, to: date, sessions: z.number() });

export const foldReportSchema = z.object({
  index: z.number(),
  inSample: windowSchema,
  outOfSample: windowSchema,
  chosen: z.nullable(z.record(z.string(), z.number())),
  inSampleMetrics: z.nullable(trialMetricsSchema),
  inSampleScore: nnum,
  outOfSampleMetrics: trialMetricsSchema,
  outOfSampleScore: nnum,
  overfitting: z.object({ deflatedSharpe: nnum, expectedMaxSharpe: nnum, trials: z.number(), pbo: nnum, pboSplits: z.number() }),
});

export const walkForwardSummarySchema = z.object({
  runId: z.number(),
  resumed: z.boolean(),
  folds: z.array(foldReportSchema),
  outOfSample: trialResultSchema,
  outOfSampleScore: nnum,
  inSampleMeanScore: nnum,
  probabilisticSharpe: nnum,
  drawdowns: z.nullable(z.object({ observed: z.number(), samples: z.number(), percentiles: z.array(z.object({ percentile: z.number(), maxDrawdown: z.number() })) })),
});

/** What the study was asked (research_runs.spec), the fields the views show; the rest is kept as it is. */
export const walkForwardSpecSchema = z.looseObject({
  from: date,
  to: date,
  objective: z.string(),
  trials: z.number(),
  sampler: z.string(),
  minTrades: z.number(),
  seed: z.number(),
});

export type WalkForwardSummaryFile = z.infer<typeof walkForwardSummarySchema>;
export type TrialMetricsFile = z.infer<typeof trialMetricsSchema>;
