import type { Asset } from './market.ts';
import type { OrderRequest } from './orders.ts';
import type { Result } from '../shared/result.ts';

/**
 * Rounding to the broker's increments. Inside the core every price and quantity stays unrounded; these
 * functions run once, at the broker boundary, and each rounds in the direction that keeps the trade's risk
 * from growing (see `roundingDirectionFor`).
 */

export type RoundDirection = 'down' | 'up';

/** The side of the position an order opens or closes. */
export type PositionSide = 'long' | 'short';

/**
 * What a price is for, which decides its rounding direction:
 * - `entry`: the limit (or trigger) of an order that opens a position.
 * - `stop_loss`: the trigger of a protective stop.
 * - `take_profit`: the limit of a profit target.
 * - `exit_limit`: the limit of any other closing order (a marketable limit to get out, a stop-limit's limit).
 */
export type PriceRole = 'entry' | 'stop_loss' | 'take_profit' | 'exit_limit';

/** Decimal places needed to write `increment` exactly (0.01 → 2, 1e-9 → 9, 5 → 0). */
export function decimalsOf(increment: number): number {
  const text = String(increment);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) {
    const mantissa = text.slice(0, text.indexOf('e'));
    const dot = mantissa.indexOf('.');
    return Number(exp[1]) + (dot < 0 ? 0 : mantissa.length - dot - 1);
  }
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** `n` steps of `increment`, written without binary noise (3 × 0.1 is 0.3, not 0.30000000000000004). */
export function multipleOf(n: number, increment: number): number {
  return Number((n * increment).toFixed(Math.min(20, decimalsOf(increment))));
}

/**
 * True when `value` is a multiple of `increment`. Division alone cannot tell: 1.15 / 0.01 is
 * 114.99999999999999, and 132.191999998 / 1e-9 is 132191999997.99998; the grid point written out is the value.
 */
export function isOnGrid(value: number, increment: number): boolean {
  const steps = value / increment;
  const nearest = Math.round(steps);
  return Math.abs(steps - nearest) < 1e-9 || multipleOf(nearest, increment) === value;
}

/** Rounds `value` to a multiple of `increment`; the result never lies past `value` in the wrong direction. */
export function roundToIncrement(value: number, increment: number, direction: RoundDirection): number {
  if (!(increment > 0) || !Number.isFinite(increment)) throw new RangeError(`increment must be a positive number, got ${increment}`);
  if (!Number.isFinite(value)) throw new RangeError(`cannot round a non-finite value (${value})`);
  const steps = value / increment;
  // Past 2^52 steps the grid is finer than a double can tell apart (and the guard loop could not move).
  if (Math.abs(steps) > 2 ** 52) throw new RangeError(`${value} is too large to round to ${increment}`);
  let n = isOnGrid(value, increment) ? Math.round(steps) : direction === 'down' ? Math.floor(steps) : Math.ceil(steps);
  let out = multipleOf(n, increment);
  // The guard makes "down never exceeds value" (and "up never falls below") hold exactly, not just nearly.
  while (direction === 'down' ? out > value : out < value) {
    n += direction === 'down' ? -1 : 1;
    out = multipleOf(n, increment);
  }
  return out;
}

/** Alpaca's sub-penny rule for US equities: prices of $1 and above in cents, below $1 in hundredths of a cent. */
export function subPennyIncrementUsd(priceUsd: number): number {
  return priceUsd >= 1 ? 0.01 : 0.0001;
}

/**
 * The price step for `asset` at `priceUsd`. Equities take the coarser of the sub-penny step and the
 * asset's own `priceIncrement` (both grids then hold); crypto uses the asset's `priceIncrement`.
 */
export function priceIncrementFor(asset: Pick<Asset, 'assetClass' | 'priceIncrement'>, priceUsd: number): number {
  const own = asset.priceIncrement > 0 && Number.isFinite(asset.priceIncrement) ? asset.priceIncrement : 0;
  if (asset.assetClass === 'crypto') {
    if (own === 0) throw new RangeError('a crypto asset needs a positive priceIncrement');
    return own;
  }
  return Math.max(own, subPennyIncrementUsd(priceUsd));
}

/**
 * Which way a price rounds so the trade's risk never grows:
 * - entry: a long's buy limit rounds down and a short's sell limit rounds up (never a worse entry than planned).
 * - stop_loss: a long's sell stop rounds up and a short's buy stop rounds down (the stop only gets tighter).
 * - take_profit: a long's target rounds down and a short's rounds up, towards the entry: the target is
 *   reached no later than planned and the planned reward is never overstated.
 * - exit_limit: a sell rounds down and a buy rounds up, towards a fill: getting out matters more than a cent.
 */
export function roundingDirectionFor(role: PriceRole, side: PositionSide): RoundDirection {
  const longDirection: RoundDirection = role === 'stop_loss' ? 'up' : 'down';
  if (side === 'long') return longDirection;
  return longDirection === 'up' ? 'down' : 'up';
}

/** Rounds a price for `role` in a `side` position to the asset's increments, in the risk-safe direction. */
export function roundPriceUsd(priceUsd: number, asset: Pick<Asset, 'assetClass' | 'priceIncrement'>, role: PriceRole, side: PositionSide): number {
  return roundToIncrement(priceUsd, priceIncrementFor(asset, priceUsd), roundingDirectionFor(role, side));
}

/**
 * The quantity step of an order. Alpaca trades fractional shares only in simple market day orders of
 * fractionable assets (never in brackets or short sales), so every other equity order uses whole shares.
 */
export function qtyIncrementFor(
  asset: Pick<Asset, 'assetClass' | 'fractionable' | 'minTradeIncrement'>,
  order?: Pick<OrderRequest, 'type' | 'timeInForce' | 'orderClass'>,
): number {
  const own = asset.minTradeIncrement > 0 && Number.isFinite(asset.minTradeIncrement) ? asset.minTradeIncrement : 1;
  if (asset.assetClass === 'crypto') return own;
  const fractionalOrder = order !== undefined && order.type === 'market' && order.timeInForce === 'day' && (order.orderClass ?? 'simple') === 'simple';
  return asset.fractionable && fractionalOrder ? Math.min(own, 1) : Math.max(own, 1);
}

/** Floors a quantity to `increment`: rounding a size down never adds risk. */
export function floorQty(qty: number, increment: number): number {
  return qty <= 0 ? 0 : roundToIncrement(qty, increment, 'down');
}

export type RoundingIssue =
  | { code: 'qty_below_min_order_size'; message: string }
  | { code: 'price_not_positive'; message: string }
  | { code: 'bracket_inverted'; message: string };

/**
 * Rounds an order request at the broker boundary: the quantity floors to the step and must reach the
 * asset's minimum order size; each price rounds by its role for the position the order opens or closes.
 * Trailing offsets (`trailPrice`, `trailPercent`) pass through unchanged: Catalyst trails by replacing stops.
 */
export function roundOrderRequest(request: OrderRequest, asset: Asset, positionSide: PositionSide): Result<OrderRequest, RoundingIssue> {
  const opens = (request.side === 'buy') === (positionSide === 'long');
  const round = (price: number, role: PriceRole) => roundPriceUsd(price, asset, role, positionSide);
  const out: OrderRequest = { ...request };
  if (request.qty !== undefined) {
    const step = qtyIncrementFor(asset, request);
    const qty = floorQty(request.qty, step);
    const minQty = Math.max(asset.minOrderSize, step);
    if (qty < minQty) {
      return { ok: false, reason: { code: 'qty_below_min_order_size', message: `${request.qty} ${request.symbol} floors to ${qty}, below the minimum order size ${minQty}.` } };
    }
    out.qty = qty;
  }
  if (request.notional !== undefined) out.notional = roundToIncrement(request.notional, 0.01, 'down');
  if (request.limitPrice !== undefined) out.limitPrice = round(request.limitPrice, opens ? 'entry' : 'exit_limit');
  if (request.stopPrice !== undefined) out.stopPrice = round(request.stopPrice, opens ? 'entry' : 'stop_loss');
  if (request.takeProfit) out.takeProfit = { limitPrice: round(request.takeProfit.limitPrice, 'take_profit') };
  if (request.stopLoss) {
    const stopPrice = round(request.stopLoss.stopPrice, 'stop_loss');
    out.stopLoss = request.stopLoss.limitPrice === undefined ? { stopPrice } : { stopPrice, limitPrice: round(request.stopLoss.limitPrice, 'exit_limit') };
  }
  const prices = [out.limitPrice, out.stopPrice, out.takeProfit?.limitPrice, out.stopLoss?.stopPrice, out.stopLoss?.limitPrice];
  if (prices.some((p) => p !== undefined && !(p > 0))) {
    return { ok: false, reason: { code: 'price_not_positive', message: `A price of the ${request.symbol} order rounds to zero or below.` } };
  }
  const inverted = bracketInversion(out, positionSide);
  return inverted ? { ok: false, reason: { code: 'bracket_inverted', message: inverted } } : { ok: true, value: out };
}

// Alpaca rejects a bracket whose stop is not below (long) the entry, or whose target is not above it.
function bracketInversion(order: OrderRequest, side: PositionSide): string | null {
  const stop = order.stopLoss?.stopPrice;
  const target = order.takeProfit?.limitPrice;
  const entry = order.limitPrice;
  const below = (a: number | undefined, b: number | undefined) => a === undefined || b === undefined || (side === 'long' ? a < b : a > b);
  if (below(stop, entry) && below(entry, target) && below(stop, target)) return null;
  const word = side === 'long' ? 'below' : 'above';
  return `After rounding, the ${order.symbol} bracket is not ordered: the stop must be ${word} the entry and the entry ${word} the target (stop ${stop}, entry ${entry ?? 'market'}, target ${target}).`;
}
