import type { OrderRequest } from '../../../domain/orders.ts';
import { invalid, plain, type AlpacaRejection } from './alpaca-rejections.ts';

type ClassRequest = OrderRequest & { orderClass: NonNullable<OrderRequest['orderClass']> };

function entryBase(req: ClassRequest, basePrice: number | null): number | null {
  if (req.orderClass === 'oco') return basePrice;
  if (req.type === 'limit' || req.type === 'stop_limit') return req.limitPrice ?? null;
  if (req.type === 'stop') return req.stopPrice ?? null;
  return basePrice;
}

function checkExitPrices(req: ClassRequest, basePrice: number | null): AlpacaRejection | null {
  // The exits close what the entry opens; an OCO is itself the exit, so its side is the exit side.
  const exitsLong = req.orderClass === 'oco' ? req.side === 'sell' : req.side === 'buy';
  const tp = req.takeProfit?.limitPrice;
  const sl = req.stopLoss?.stopPrice;
  if (tp !== undefined && sl !== undefined) {
    if (exitsLong && !(tp > sl)) return invalid(`take_profit.limit_price must be > stop_loss.stop_price. tp.limit_price:${plain(tp)}, sl.stop_price:${plain(sl)}`);
    if (!exitsLong && !(tp < sl)) return invalid(`take_profit.limit_price must be < stop_loss.stop_price. tp.limit_price:${plain(tp)}, sl.stop_price:${plain(sl)}`);
  }
  const base = entryBase(req, basePrice);
  if (base === null) return null;
  const cent = 0.01 - 1e-9;
  if (sl !== undefined) {
    if (exitsLong && sl > base - cent) return invalid(`stop_loss.stop_price must be <= base_price - 0.01. sl.stop_price:${plain(sl)}, base_price:${plain(base)}`);
    if (!exitsLong && sl < base + cent) return invalid(`stop_loss.stop_price must be >= base_price + 0.01. sl.stop_price:${plain(sl)}, base_price:${plain(base)}`);
  }
  if (tp !== undefined) {
    if (exitsLong && tp < base + cent) return invalid(`take_profit.limit_price must be >= base_price + 0.01. tp.limit_price:${plain(tp)}, base_price:${plain(base)}`);
    if (!exitsLong && tp > base - cent) return invalid(`take_profit.limit_price must be <= base_price - 0.01. tp.limit_price:${plain(tp)}, base_price:${plain(base)}`);
  }
  return null;
}

/**
 * Order-class combinations as Alpaca accepts them: a bracket has both exits, an OTO exactly one, an OCO is
 * an exit-only limit order with both; exits of complex orders run day or gtc; take-profit above the
 * stop-loss for long exits (below for short ones), each at least a cent away from the entry's base price.
 */
export function validateBracket(req: ClassRequest, basePrice: number | null): AlpacaRejection | null {
  const hasTp = req.takeProfit !== undefined;
  const hasSl = req.stopLoss !== undefined;
  switch (req.orderClass) {
    case 'simple':
      return hasTp || hasSl ? invalid('take_profit and stop_loss are only for bracket, oco and oto orders') : null;
    case 'bracket':
      if (!hasTp || !hasSl) return invalid('bracket orders need both take_profit and stop_loss');
      break;
    case 'oto':
      if (hasTp === hasSl) return invalid('oto orders need exactly one of take_profit or stop_loss');
      break;
    case 'oco':
      if (!hasTp || !hasSl) return invalid('oco orders need both take_profit and stop_loss');
      if (req.type !== 'limit') return invalid('oco orders must be limit orders');
      if (req.limitPrice !== undefined && req.limitPrice !== req.takeProfit!.limitPrice) {
        return invalid('limit_price of an oco order must equal take_profit.limit_price');
      }
      break;
  }
  if (req.timeInForce !== 'day' && req.timeInForce !== 'gtc') return invalid(`${req.orderClass} orders must have time_in_force day or gtc`);
  if (req.type === 'trailing_stop') return invalid(`trailing_stop is not allowed as the entry of ${req.orderClass} orders`);
  if (req.notional !== undefined) return invalid(`${req.orderClass} orders need qty, not notional`);
  return checkExitPrices(req, basePrice);
}
