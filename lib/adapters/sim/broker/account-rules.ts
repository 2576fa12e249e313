import type { Asset } from '../../../domain/market.ts';
import { forbidden, invalid, plain, type AlpacaRejection } from './alpaca-rejections.ts';
import { heldForOrders } from './account-view.ts';
import { buyingPowerOf, holdOf, type Pricer } from './buying-power.ts';
import type { EngineContext } from './engine-context.ts';
import { isWorking } from './engine-context.ts';
import type { SimOrder } from './sim-state.ts';

/** The price an order would trade at for wash-trade purposes: null for market-like orders (they cross anything). */
function crossingPrice(o: SimOrder): number | null {
  if (o.type === 'limit' || o.type === 'stop_limit') return o.limitPrice;
  if (o.type === 'stop') return o.stopPrice;
  return null;
}

/** A resting order's price in the book, or undefined when it is not resting (an untriggered stop). */
function restingPrice(o: SimOrder): number | null | undefined {
  if (o.type === 'market') return null;
  if (o.type === 'limit') return o.limitPrice;
  if (o.type === 'stop_limit' && o.triggered) return o.limitPrice;
  return undefined;
}

/**
 * Alpaca's wash-trade protection: a simple order that could execute against one of the account's own open
 * opposite-side orders is refused (complex orders are exempt: "use complex orders").
 */
export function washTradeRule(others: readonly SimOrder[], o: SimOrder): AlpacaRejection | null {
  if (o.orderClass !== 'simple') return null;
  const mine = crossingPrice(o);
  for (const x of others) {
    if (x.side === o.side || !isWorking(x)) continue;
    const theirs = restingPrice(x);
    if (theirs === undefined) continue;
    const crosses = mine === null || theirs === null || (o.side === 'buy' ? mine >= theirs : mine <= theirs);
    if (crosses) return forbidden('wash_trade', 'potential wash trade detected. use complex orders');
  }
  return null;
}

function quantityOf(o: SimOrder, pricer: Pricer): number {
  if (o.qty !== null) return o.qty;
  const mark = pricer.mark(o.symbol);
  return mark ? (o.notional ?? 0) / mark : 0;
}

/**
 * Position rules: sells of a long may not exceed what open orders leave available, a sell from flat is a
 * short sale (margin account, shorting enabled, shortable asset, whole shares), crypto cannot be shorted,
 * an OCO only exits, and a new position may not open against an open order that opens the other way.
 */
export function positionRule(ctx: EngineContext, others: readonly SimOrder[], o: SimOrder, asset: Asset, pricer: Pricer): AlpacaRejection | null {
  const pos = ctx.session.state.positions[o.symbol]?.qty ?? 0;
  const qty = quantityOf(o, pricer);
  const closingSide = pos > 0 ? 'sell' : 'buy';
  const available = Math.abs(pos) - heldForOrders(o.symbol, closingSide, others);
  const insufficient = () =>
    forbidden('insufficient_qty', `insufficient qty available for order (requested: ${plain(qty)}, available: ${plain(Math.max(0, available))})`, {
      symbol: o.symbol,
      existing_qty: plain(Math.abs(pos)),
      held_for_orders: plain(Math.abs(pos) - Math.max(0, available)),
      available: plain(Math.max(0, available)),
    });
  if (o.orderClass === 'oco') return pos !== 0 && o.side === closingSide && qty <= available + 1e-9 ? null : insufficient();
  if (asset.assetClass === 'crypto') {
    if (o.side === 'buy') return null;
    const have = Math.max(0, pos - heldForOrders(o.symbol, 'sell', others));
    const base = asset.symbol.split('/')[0] ?? asset.symbol;
    return qty <= have + 1e-9 ? null : forbidden('insufficient_qty', `insufficient balance for ${base} (requested: ${plain(qty)}, available: ${plain(have)})`);
  }
  const opensNew = (x: SimOrder) => x.legRole === null && x.orderClass !== 'oco' && isWorking(x);
  if (o.side === 'sell' && pos > 0) return qty <= available + 1e-9 ? null : insufficient();
  if (o.side === 'buy') {
    if (pos === 0 && others.some((x) => x.side === 'sell' && opensNew(x))) return forbidden('forbidden', 'cannot open a long buy while a short sell order is open');
    return null;
  }
  if (ctx.config.marginMultiplier === 1 || !ctx.config.shortingEnabled) return forbidden('forbidden', 'account is not allowed to short');
  if (!asset.shortable) return forbidden('forbidden', `asset ${asset.symbol} is not shortable`);
  if (!Number.isInteger(qty) || o.qty === null) return invalid('fractional orders cannot be sold short');
  if (pos === 0 && others.some((x) => x.side === 'buy' && opensNew(x))) return forbidden('forbidden', 'cannot open a short sell while a long buy order is open');
  return null;
}

/** Buying power: the order's reserve must fit in what the account has left after the holds of its open orders. */
export function buyingPowerRule(ctx: EngineContext, o: SimOrder, replacing: string | undefined): AlpacaRejection | null {
  const state = ctx.session.state;
  const cost = holdOf(o, state, ctx.config);
  if (!(cost > 0)) return null;
  const bp = buyingPowerOf(state, ctx.session.open.values(), ctx.config, replacing);
  if (o.assetClass === 'crypto') {
    if (cost <= bp.nonMarginableBuyingPower + 1e-6) return null;
    return forbidden('insufficient_buying_power', `insufficient balance for USD (requested: ${plain(Math.round(cost * 100) / 100)}, available: ${plain(Math.round(bp.nonMarginableBuyingPower * 100) / 100)})`);
  }
  if (cost <= bp.buyingPower + 1e-6) return null;
  return forbidden('insufficient_buying_power', 'insufficient buying power', {
    buying_power: plain(Math.round(bp.buyingPower * 100) / 100),
    cost_basis: plain(Math.round(cost * 100) / 100),
  });
}
