import * as z from 'zod/mini';
import { AppError } from '../../shared/errors.ts';
import { describeIssues } from '../../shared/describe-issues.ts';
import type { EntryPlan, NewIntent } from '../../ports/trading-store.port.ts';
import type { SignalInputs } from '../../ports/analysis-store.port.ts';
import type { CycleRecord, StageRecord } from '../../ports/cycle-store.port.ts';
import type { OrderRequest } from '../../domain/orders.ts';

/**
 * The shapes of the JSON columns, checked when a row is read ("corrupt data is worse than no data"): a value
 * that does not fit is a DATA_INVALID error naming the column and the field, never a cast. The checked value
 * itself is returned untouched (same keys, same order), so reading never rewrites what was stored.
 */
export function readJson<S extends z.ZodMiniType, T>(schema: S, value: unknown, column: string): T {
  const r = schema.safeParse(value, { reportInput: true });
  if (!r.success) {
    const problems = describeIssues(r.error.issues, column).map((p) => `${p.field === column ? column : `${column}.${p.field}`} ${p.problem}`);
    throw new AppError('DATA_INVALID', `Stored ${column} is malformed: ${problems.join('; ')}`);
  }
  return value as T;
}

const num = z.number();
const record = z.record(z.string(), z.unknown());

/** intents.plan, positions.plan: the trade plan of an entry (more keys, such as trail state, may follow). */
export const EntryPlanColumn = z.looseObject({
  stopPrice: num,
  takeProfitPrice: z.nullable(num),
  riskPerUnitUsd: num,
  timeExitAt: z.nullable(num),
});

/** intents.request: the OrderRequest as sent. */
export const OrderRequestColumn = z.looseObject({
  clientOrderId: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.string(),
  timeInForce: z.string(),
  qty: z.optional(num),
  notional: z.optional(num),
  limitPrice: z.optional(num),
  stopPrice: z.optional(num),
  takeProfit: z.optional(z.looseObject({ limitPrice: num })),
  stopLoss: z.optional(z.looseObject({ stopPrice: num, limitPrice: z.optional(num) })),
});

/** signals.inputs: indicator values, patterns, news context, and the trade plan execute acts on. */
export const SignalInputsColumn = z.looseObject({
  plan: z.optional(z.nullable(z.looseObject({ entry: num, stop: num, target: num, riskPerUnitUsd: num }))),
  news: z.optional(z.looseObject({ storyIds: z.optional(z.array(num)), newsItemIds: z.optional(z.array(num)) })),
});

const StageColumn = z.looseObject({
  name: z.string(),
  startedAt: num,
  ms: num,
  ok: z.boolean(),
  why: z.string(),
  counts: z.record(z.string(), num),
  error: z.optional(z.looseObject({ code: z.string(), message: z.string() })),
});
const CountsColumn = z.record(z.string(), num);
const ErrorsColumn = z.array(z.looseObject({ stage: z.string(), code: z.string(), message: z.string() }));

export const readPlan = (v: unknown, column: string): EntryPlan | null => (v === null ? null : readJson<typeof EntryPlanColumn, EntryPlan>(EntryPlanColumn, v, column));
export const readRequest = (v: unknown): NewIntent['request'] => readJson<typeof OrderRequestColumn, OrderRequest>(OrderRequestColumn, v, 'intents.request');
export const readRecord = (v: unknown, column: string): Record<string, unknown> => readJson<typeof record, Record<string, unknown>>(record, v, column);
export const readStages = (v: unknown): StageRecord[] => readJson<z.ZodMiniArray<typeof StageColumn>, StageRecord[]>(z.array(StageColumn), v, 'cycles.stages');
export const readCounts = (v: unknown, column: string): Record<string, number> => readJson<typeof CountsColumn, Record<string, number>>(CountsColumn, v, column);
export const readCycleErrors = (v: unknown): CycleRecord['errors'] => readJson<typeof ErrorsColumn, CycleRecord['errors']>(ErrorsColumn, v, 'cycles.errors');
export const readSignalInputs = (v: unknown): SignalInputs => readJson<typeof SignalInputsColumn, SignalInputs>(SignalInputsColumn, v, 'signals.inputs');
