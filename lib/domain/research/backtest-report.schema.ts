import * as z from 'zod/mini';

/**
 * The file `npm run backtest -- --json FILE` writes, version 1: what a program (the research tools, a
 * notebook) reads back. Adding an optional field keeps the version; renaming, removing or changing the
 * meaning of one bumps `schemaVersion`. Times are epoch milliseconds (UTC), dates New York session dates,
 * money USD, quantities shares or coins.
 */
export const BACKTEST_REPORT_SCHEMA_VERSION = 1;

const num = z.number();
const nnum = z.nullable(z.number());
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const setting = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const reportSettingsSchema = z.object({
  from: date,
  to: date,
  /** Sessions in [from, to] on the NYSE calendar. */
  sessions: num,
  /** Symbols in the replayed history. */
  symbols: z.array(z.string()),
  /** Where the history came from: stored (DATABASE_URL) or the synthetic market. */
  history: z.enum(['stored', 'synthetic']),
  /** Where the run kept its state: in memory, or a scratch Postgres schema (--db). */
  storage: z.enum(['memory', 'postgres']),
  /** The synthetic market's seed (null for stored history). */
  seed: nnum,
  quietStepMinutes: num,
  /** The strategy, risk and schedule settings in force (environment names, parsed values). */
  strategy: z.record(z.string(), setting),
});

export const minuteEquitySchema = z.object({ at: num, equity: num });

export const sessionEquitySchema = z.object({
  date,
  /** Account equity after the session's last tick (null before the first account reading). */
  equity: nnum,
  /** Realised P&L of the trades closed that session, before fees. */
  pnlUsd: num,
  ticks: num,
  failedTicks: num,
  bars: num,
  ordersPlaced: num,
  tradesClosed: num,
  wallMs: num,
});

export const reportOrderSchema = z.object({
  clientOrderId: z.string(),
  symbol: z.string(),
  side: z.string(),
  type: z.string(),
  orderClass: z.string(),
  qty: nnum,
  limitPrice: nnum,
  stopPrice: nnum,
  status: z.string(),
  filledQty: num,
  filledAvgPrice: nnum,
  submittedAt: num,
});

export const reportFillSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  clientOrderId: z.nullable(z.string()),
  symbol: z.string(),
  side: z.string(),
  qty: num,
  price: num,
  at: num,
  cumQty: num,
  leavesQty: num,
  kind: z.string(),
});

/** A round trip as the reporting reader lists it, and its decision audit (news → candidate → signal → risk → orders → fills → exit). */
export const reportTradeSchema = z.object({
  trade: z.looseObject({ id: num, symbol: z.string(), side: z.string(), entryAt: nnum, exitAt: nnum, pnlUsd: nnum, exitReason: z.nullable(z.string()) }),
  audit: z.nullable(z.looseObject({ trade: z.unknown(), news: z.array(z.unknown()), candidate: z.unknown(), signal: z.unknown(), entry: z.unknown(), exit: z.unknown(), orders: z.array(z.unknown()), fills: z.array(z.unknown()) })),
});

export const reportSummarySchema = z.object({
  /** True when Ctrl-C stopped the run: every figure covers only the replayed part. */
  interrupted: z.boolean(),
  sessionsReplayed: num,
  ticks: num,
  failedTicks: num,
  bars: num,
  wallMs: num,
  barsPerSecond: num,
  orders: num,
  fills: num,
  trades: num,
  /** The first few failed ticks, as the tick reported them. */
  errors: z.array(z.string()),
  /** Wall time of each coordinator stage, summed over the run: where the time went. */
  stageTotals: z.array(z.object({ name: z.string(), ms: num, runs: num })),
});

/** The performance figures (lib/domain/performance.ts), kept open so a new figure does not break readers. */
export const reportMetricsSchema = z.looseObject({
  trades: num,
  netPnlUsd: num,
  feesUsd: num,
  winRate: nnum,
  profitFactor: nnum,
  expectancyUsd: nnum,
  averageR: nnum,
  totalReturn: nnum,
  sharpe: nnum,
  sortino: nnum,
  maxDrawdown: num,
  cagr: nnum,
  days: num,
  significant: z.boolean(),
  beforeFees: z.looseObject({ pnlUsd: num }),
});

/** The whole file. Keys appear in this order; the big arrays come last, so a reader may stop early. */
export const backtestReportSchema = z.object({
  schemaVersion: z.literal(BACKTEST_REPORT_SCHEMA_VERSION),
  settings: reportSettingsSchema,
  summary: reportSummarySchema,
  metrics: reportMetricsSchema,
  assumptions: z.array(z.string()),
  warnings: z.array(z.string()),
  /** SHA-256 of the orders: the same data and settings give the same digest. */
  digest: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  equity: z.object({ perSession: z.array(sessionEquitySchema), perMinute: z.array(minuteEquitySchema) }),
  orders: z.array(reportOrderSchema),
  fills: z.array(reportFillSchema),
  trades: z.array(reportTradeSchema),
});

export type BacktestReportFile = z.infer<typeof backtestReportSchema>;
