import { forbidden, invalid, plain, type AlpacaRejection } from './alpaca-rejections.ts';
import { valueAccount, type Pricer } from './buying-power.ts';
import type { EngineContext } from './engine-context.ts';
import type { SimOrder } from './sim-state.ts';

// Alpaca's "User Protections" (docs.alpaca.markets/docs/trading/user-protections/) besides wash trades,
// which account-rules models. The documented rules are modelled; the exact wording of their messages is not
// published, so the words below are ours (403 40310000 / 422 42210000 as Alpaca's other refusals of the kind).

/** Message of the equity/order ratio refusal (our words: Alpaca's are not published). */
export const EQUITY_RATIO_MESSAGE = 'order rejected by equity/order ratio check: account is restricted to closing orders';
/** Message of the limit-price-away refusal (our words: Alpaca's are not published). */
export const PRICE_AWAY_MESSAGE = 'limit price is too far away from the current market price';

/** True when the order only reduces the account's position in its symbol (a closing order). */
function isClosing(ctx: EngineContext, o: SimOrder): boolean {
  const pos = ctx.session.state.positions[o.symbol]?.qty ?? 0;
  if (pos === 0) return false;
  const closingSide = pos > 0 ? 'sell' : 'buy';
  return o.side === closingSide && o.qty !== null && o.qty <= Math.abs(pos) + 1e-9;
}

/**
 * The equity/order ratio check: an opening order worth more than `maxEquityRatio` × equity is refused, and
 * an account whose positions are worth more than that may only close (crypto is not marginable and exempt).
 */
export function equityRatioRule(ctx: EngineContext, o: SimOrder, pricer: Pricer): AlpacaRejection | null {
  if (o.assetClass === 'crypto' || isClosing(ctx, o)) return null;
  const v = valueAccount(ctx.session.state);
  const limit = ctx.config.maxEquityRatio * Math.max(0, v.equity);
  const price = o.limitPrice ?? o.stopPrice ?? pricer.mark(o.symbol) ?? 0;
  const value = o.qty !== null ? o.qty * price : (o.notional ?? 0);
  const exposure = v.longMarketValue - v.shortMarketValue;
  if (value <= limit + 1e-6 && exposure <= limit + 1e-6) return null;
  return forbidden('equity_ratio', EQUITY_RATIO_MESSAGE, { equity: plain(Math.round(v.equity * 100) / 100), order_value: plain(Math.round(value * 100) / 100) });
}

/**
 * The limit-price-away check: a limit (or stop-limit) order whose limit lies through the market by more
 * than `limitPriceAwayFraction` of the quote (a buy far above the ask, a sell far below the bid) is refused.
 */
export function limitPriceAwayRule(ctx: EngineContext, o: SimOrder, pricer: Pricer): AlpacaRejection | null {
  if (o.limitPrice === null || (o.type !== 'limit' && o.type !== 'stop_limit')) return null;
  const away = ctx.config.limitPriceAwayFraction;
  if (!(away > 0)) return null;
  const ref = o.side === 'buy' ? (pricer.ask(o.symbol) ?? pricer.mark(o.symbol)) : (pricer.bid(o.symbol) ?? pricer.mark(o.symbol));
  if (ref === null || !(ref > 0)) return null;
  const through = o.side === 'buy' ? o.limitPrice > ref * (1 + away) : o.limitPrice < ref * (1 - away);
  return through ? invalid(`${PRICE_AWAY_MESSAGE} (limit_price: ${plain(o.limitPrice)}, market: ${plain(ref)})`, 'price_away') : null;
}
