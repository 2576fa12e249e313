import type { Asset } from '../../../domain/market.ts';
import type { OrderRequest } from '../../../domain/orders.ts';
import { isOnGrid } from '../../../domain/increments.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { invalid, plain, type AlpacaRejection } from './alpaca-rejections.ts';
import { validateBracket } from './bracket-validation.ts';

/** A request that passed Alpaca's parameter checks, with the order class made explicit. */
export type ValidRequest = OrderRequest & { orderClass: NonNullable<OrderRequest['orderClass']>; extendedHours: boolean };

const CRYPTO_TIF = new Set(['gtc', 'ioc']);
const CRYPTO_TYPES = new Set(['market', 'limit', 'stop_limit']);

function has(x: number | undefined): x is number {
  return x !== undefined && x !== null;
}

/** True when `price` uses a finer increment than Alpaca allows: 2 decimals from $1, 4 below. */
export function isSubPenny(price: number): boolean {
  const scale = price >= 1 ? 100 : 10_000;
  return Math.abs(price * scale - Math.round(price * scale)) > 1e-6;
}

function isMultiple(x: number, step: number): boolean {
  const n = x / step;
  return Math.abs(n - Math.round(n)) < 1e-6 || isOnGrid(x, step);
}

function checkPrices(req: OrderRequest, asset: Asset): AlpacaRejection | null {
  const prices: [string, number | undefined][] = [
    ['limit_price', req.limitPrice],
    ['stop_price', req.stopPrice],
    ['trail_price', req.trailPrice],
    ['take_profit.limit_price', req.takeProfit?.limitPrice],
    ['stop_loss.stop_price', req.stopLoss?.stopPrice],
    ['stop_loss.limit_price', req.stopLoss?.limitPrice],
  ];
  for (const [name, p] of prices) {
    if (!has(p)) continue;
    if (!(p > 0) || !Number.isFinite(p)) return invalid(`${name} must be > 0`, 'invalid_price');
    if (asset.assetClass === 'us_equity' && isSubPenny(p)) {
      return invalid(`invalid ${name} ${plain(p)}. sub-penny increment does not fulfill minimum pricing criteria`, 'invalid_price');
    }
  }
  return null;
}

function checkTypeFields(req: OrderRequest): AlpacaRejection | null {
  const needsLimit = req.type === 'limit' || req.type === 'stop_limit';
  const needsStop = req.type === 'stop' || req.type === 'stop_limit';
  if (needsLimit && !has(req.limitPrice) && req.orderClass !== 'oco') return invalid(`limit_price is required for ${req.type} orders`);
  if (!needsLimit && has(req.limitPrice)) return invalid(`limit_price is not allowed for ${req.type} orders`);
  if (needsStop && !has(req.stopPrice)) return invalid(`stop_price is required for ${req.type} orders`);
  if (!needsStop && has(req.stopPrice)) return invalid(`stop_price is not allowed for ${req.type} orders`);
  const trails = Number(has(req.trailPrice)) + Number(has(req.trailPercent));
  if (req.type === 'trailing_stop') {
    if (trails !== 1) return invalid('trailing_stop orders need exactly one of trail_price or trail_percent');
    if (has(req.trailPercent) && !(req.trailPercent > 0 && req.trailPercent < 100)) return invalid('trail_percent must be > 0 and < 100');
  } else if (trails > 0) return invalid('trail_price and trail_percent are only for trailing_stop orders');
  return null;
}

function checkQuantity(req: OrderRequest, asset: Asset): AlpacaRejection | null {
  if (has(req.qty) === has(req.notional)) return invalid(has(req.qty) ? 'only one of qty or notional may be given' : 'qty or notional is required');
  if (has(req.notional)) {
    if (!(req.notional > 0)) return invalid('notional must be > 0');
    if (req.type !== 'market' || (req.timeInForce !== 'day' && asset.assetClass === 'us_equity')) return invalid('notional orders must be market orders with time_in_force day');
    if (asset.assetClass === 'us_equity' && !asset.fractionable) return invalid(`asset ${asset.symbol} is not fractionable`);
    return null;
  }
  const qty = req.qty!;
  if (!(qty > 0) || !Number.isFinite(qty)) return invalid('qty must be > 0');
  if (asset.assetClass === 'crypto') {
    if (qty < asset.minOrderSize) return invalid(`qty must be >= ${plain(asset.minOrderSize)}`);
    if (!isMultiple(qty, asset.minTradeIncrement)) return invalid(`qty must be a multiple of ${plain(asset.minTradeIncrement)}`);
    return null;
  }
  if (!Number.isInteger(qty)) {
    if (!asset.fractionable) return invalid(`asset ${asset.symbol} is not fractionable`);
    if (!isMultiple(qty, 1e-9)) return invalid('qty must have at most 9 decimals');
    if (req.timeInForce !== 'day' || (req.type !== 'market' && req.type !== 'limit')) return invalid('fractional orders must be market or limit orders with time_in_force day');
    if ((req.orderClass ?? 'simple') !== 'simple') return invalid('fractional orders must be simple orders');
  }
  return null;
}

function checkSessionRules(req: ValidRequest, asset: Asset): AlpacaRejection | null {
  if (asset.assetClass === 'crypto') {
    if (!CRYPTO_TIF.has(req.timeInForce)) return invalid(`invalid crypto time_in_force ${req.timeInForce}: use gtc or ioc`);
    if (!CRYPTO_TYPES.has(req.type)) return invalid(`invalid order type for crypto order: ${req.type}`);
    if (req.extendedHours) return invalid('extended_hours is not applicable to crypto orders');
    if (req.orderClass !== 'simple') return invalid('crypto orders must be simple orders');
    return null;
  }
  if (req.extendedHours && (req.type !== 'limit' || (req.timeInForce !== 'day' && req.timeInForce !== 'gtc') || req.orderClass !== 'simple')) {
    return invalid('extended hours orders must be simple limit orders with time_in_force day or gtc');
  }
  if ((req.timeInForce === 'opg' || req.timeInForce === 'cls') && ((req.type !== 'market' && req.type !== 'limit') || req.orderClass !== 'simple')) {
    return invalid(`${req.timeInForce} orders must be simple market or limit orders`);
  }
  return null;
}

/**
 * Alpaca's parameter checks of a new order, in the order Alpaca reports them: asset, quantity, type and
 * price fields, sub-penny prices, time in force per asset class, order-class combinations. `basePrice` is
 * the current price (for a market bracket's exit checks). Account checks (buying power, shorting, wash
 * trades, duplicates) come after, in order-admission.
 */
export function validateOrderRequest(req: OrderRequest, asset: Asset | null, basePrice: number | null): Result<ValidRequest, AlpacaRejection> {
  if (req.clientOrderId.length > 128) return fail(invalid('client_order_id must be no more than 128 characters'));
  if (!asset) return fail(invalid(`asset "${req.symbol}" not found`, 'not_tradable'));
  if (!asset.tradable || asset.status !== 'active') return fail(invalid(`asset ${asset.symbol} is not tradable`, 'not_tradable'));
  // Copied field by field: a spread with extra fields is slow in V8 11 (see order-admission).
  const valid: ValidRequest = Object.assign({}, req) as ValidRequest;
  valid.symbol = asset.symbol;
  valid.orderClass = req.orderClass ?? 'simple';
  valid.extendedHours = req.extendedHours ?? false;
  const problem =
    checkQuantity(valid, asset) ??
    checkTypeFields(valid) ??
    checkPrices(valid, asset) ??
    checkSessionRules(valid, asset) ??
    validateBracket(valid, basePrice);
  return problem ? fail(problem) : ok(valid);
}
