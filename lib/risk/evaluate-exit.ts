import type { ExitIntent, RiskContext } from './risk-context.ts';
import type { CheckInputs, RiskDecision } from './decisions.ts';
import type { ExposureBook } from './exposure-book.ts';
import { recordExit } from './exposure-book.ts';
import { num } from './risk-format.ts';

/**
 * Exits and reductions are always allowed, in every trading state and session, with one rule: they never
 * flip a position. The quantity is cut to what the position still has that no other open exit order (or
 * earlier exit of this batch) reserves; orders the intent replaces do not count.
 */
export function evaluateExit(intent: ExitIntent, ctx: RiskContext, book: ExposureBook): RiskDecision {
  const position = ctx.positions.find((p) => p.symbol === intent.symbol && p.qty > 0);
  const replaced = new Set(intent.replacesClientOrderIds ?? []);
  const reservedByOrdersQty = ctx.openOrders
    .filter((o) => o.symbol === intent.symbol && o.purpose === 'exit' && !replaced.has(o.clientOrderId))
    .reduce((sum, o) => sum + o.remainingQty, 0);
  const reservedInBatchQty = book.exitQtyAdded.get(intent.symbol) ?? 0;
  const positionQty = position?.qty ?? 0;
  const exitableQty = Math.max(0, positionQty - reservedByOrdersQty - reservedInBatchQty);
  const inputs: CheckInputs = {
    requestedQty: intent.qty,
    positionSide: position?.side ?? null,
    positionQty,
    reservedByOrdersQty,
    reservedInBatchQty,
    exitableQty,
    exitReason: intent.exitReason,
  };
  const deny = (reason: 'invalid_intent' | 'no_position' | 'exit_already_pending', message: string): RiskDecision => ({
    kind: 'exit',
    approved: false,
    intentId: intent.intentId,
    symbol: intent.symbol,
    reason,
    message,
    inputs,
    checks: [{ check: 'exit', passed: false, inputs }],
  });
  if (intent.qty !== 'all' && !(Number.isFinite(intent.qty) && intent.qty > 0)) return deny('invalid_intent', `The ${intent.symbol} exit asks for ${intent.qty} units.`);
  if (!position) return deny('no_position', `There is no ${intent.symbol} position to exit.`);
  if (!(exitableQty > 0)) {
    return deny('exit_already_pending', `All ${num(positionQty)} ${intent.symbol} are already reserved by open or approved exits.`);
  }
  const qty = intent.qty === 'all' ? exitableQty : Math.min(intent.qty, exitableQty);
  const capped = intent.qty !== 'all' && qty < intent.qty;
  recordExit(book, intent.symbol, qty);
  const orderSide = position.side === 'long' ? 'sell' : 'buy';
  return {
    kind: 'exit',
    approved: true,
    intentId: intent.intentId,
    symbol: intent.symbol,
    orderSide,
    qty,
    exitReason: intent.exitReason,
    capped,
    message: `Approved ${orderSide} ${num(qty)} ${intent.symbol} to ${qty === positionQty ? 'close' : 'reduce'} the ${position.side} position (${intent.exitReason.replace(/_/g, ' ')})${capped ? `, cut from ${num(intent.qty as number)} so the position cannot flip` : ''}.`,
    checks: [{ check: 'exit', passed: true, inputs }],
  };
}
