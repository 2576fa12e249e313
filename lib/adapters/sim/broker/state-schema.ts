import * as z from 'zod/mini';
import type { AccountState, SimFill, SimOrder } from './sim-state.ts';

// Rows come back from Postgres as JSON: parsed once here, at the edge, so a corrupt row fails loudly
// instead of trading on a guess.

const num = z.number();
const nnum = z.nullable(z.number());
const assetClass = z.enum(['us_equity', 'crypto']);
const side = z.enum(['buy', 'sell']);
const status = z.enum([
  'new', 'partially_filled', 'filled', 'done_for_day', 'canceled', 'expired', 'replaced', 'pending_cancel', 'pending_replace',
  'accepted', 'pending_new', 'accepted_for_bidding', 'stopped', 'rejected', 'suspended', 'calculated', 'held',
]);

const simOrder = z.object({
  id: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  assetClass,
  side,
  type: z.enum(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']),
  timeInForce: z.enum(['day', 'gtc', 'opg', 'cls', 'ioc', 'fok']),
  orderClass: z.enum(['simple', 'bracket', 'oco', 'oto']),
  status,
  qty: nnum,
  notional: nnum,
  filledQty: num,
  filledValue: num,
  filledAvgPrice: nnum,
  limitPrice: nnum,
  stopPrice: nnum,
  trailPrice: nnum,
  trailPercent: nnum,
  hwm: nnum,
  extendedHours: z.boolean(),
  createdAt: num,
  updatedAt: num,
  submittedAt: num,
  filledAt: nnum,
  canceledAt: nnum,
  expiredAt: nnum,
  replacedAt: nnum,
  replacedBy: z.nullable(z.string()),
  replaces: z.nullable(z.string()),
  parentId: z.nullable(z.string()),
  legRole: z.nullable(z.enum(['take_profit', 'stop_loss'])),
  activeFrom: num,
  deadline: nnum,
  session: z.enum(['regular', 'extended', 'any']),
  auction: z.nullable(z.enum(['open', 'close'])),
  triggered: z.boolean(),
  protectLimit: nnum,
  refPrice: nnum,
  fees: num,
});

const simFill = z.object({
  id: z.string(),
  orderId: z.string(),
  symbol: z.string(),
  side,
  qty: num,
  price: num,
  at: num,
  cumQty: num,
  leavesQty: num,
  kind: z.enum(['fill', 'partial_fill']),
  fee: num,
  orderStatus: status,
});

const accountState = z.object({
  accountId: z.string(),
  createdAt: num,
  processedUntil: num,
  seq: z.number().check(z.int()),
  cash: num,
  realizedPl: num,
  feesPaid: num,
  lastEquity: num,
  lastMaintenanceMargin: num,
  lastCloseAt: num,
  positions: z.record(z.string(), z.object({ symbol: z.string(), assetClass, qty: num, avgEntryPrice: num, lastPrice: num, lastdayPrice: nnum, openedAt: num })),
});

/** Parses a stored order (throws DATA_INVALID-worthy errors on a corrupt row). */
export function parseSimOrder(value: unknown): SimOrder {
  return simOrder.parse(value) as SimOrder;
}

/** Parses a stored fill. */
export function parseSimFill(value: unknown): SimFill {
  return simFill.parse(value) as SimFill;
}

/** Parses a stored account. */
export function parseAccountState(value: unknown): AccountState {
  return accountState.parse(value) as AccountState;
}
