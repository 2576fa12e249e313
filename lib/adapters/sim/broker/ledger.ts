import type { EpochMs } from '../../../domain/time.ts';
import type { AssetClass } from '../../../domain/market.ts';
import type { OrderSide } from '../../../domain/orders.ts';
import { roundMoney, roundQty, type AccountState } from './sim-state.ts';

/**
 * Books one execution: cash moves by the traded value and the fee; the position's average entry price
 * is the quantity-weighted price of what is open (unchanged when reducing, reset when the position flips);
 * closed quantity realizes (exit − entry) × qty for longs and the opposite for shorts.
 */
export function bookExecution(
  state: AccountState,
  exec: { symbol: string; assetClass: AssetClass; side: OrderSide; qty: number; price: number; fee: number; at: EpochMs },
): void {
  const signed = exec.side === 'buy' ? exec.qty : -exec.qty;
  state.cash = roundMoney(state.cash - signed * exec.price - exec.fee);
  state.feesPaid = roundMoney(state.feesPaid + exec.fee);
  const pos = state.positions[exec.symbol];
  if (!pos) {
    state.positions[exec.symbol] = { symbol: exec.symbol, assetClass: exec.assetClass, qty: signed, avgEntryPrice: exec.price, lastPrice: exec.price, lastdayPrice: null, openedAt: exec.at };
    return;
  }
  pos.lastPrice = exec.price;
  const sameDirection = Math.sign(pos.qty) === Math.sign(signed);
  if (sameDirection) {
    const total = Math.abs(pos.qty) + exec.qty;
    pos.avgEntryPrice = (pos.avgEntryPrice * Math.abs(pos.qty) + exec.price * exec.qty) / total;
    pos.qty = roundQty(pos.qty + signed);
    return;
  }
  const closed = Math.min(Math.abs(pos.qty), exec.qty);
  state.realizedPl = roundMoney(state.realizedPl + closed * (exec.price - pos.avgEntryPrice) * Math.sign(pos.qty));
  const after = roundQty(pos.qty + signed);
  if (after === 0) {
    delete state.positions[exec.symbol];
  } else if (Math.sign(after) !== Math.sign(pos.qty)) {
    state.positions[exec.symbol] = { ...pos, qty: after, avgEntryPrice: exec.price, openedAt: exec.at };
  } else {
    pos.qty = after;
  }
}
