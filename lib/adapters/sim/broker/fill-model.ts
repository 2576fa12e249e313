import type { Bar } from '../../../domain/market.ts';
import type { SimBrokerConfig } from './sim-broker-config.ts';
import type { SimOrder } from './sim-state.ts';
import { equitySaleFees } from '../../../domain/fees.ts';

/** Where an order would execute in a bar, before the spread and slippage: the base price, a limit it may not cross, and who took liquidity. */
export interface BarExecution {
  price: number;
  /** Limit the slipped price may not cross (limit, stop-limit, protected buy stop). */
  cap: number | null;
  /** True when a resting limit order is filled at its price (crypto maker fee; no spread paid). */
  maker: boolean;
  /** True when the order takes liquidity against the quote (market, triggered stop, marketable limit): it pays half the spread. Auction prints do not. */
  crosses: boolean;
}

/**
 * What the market looks like around a bar, read only when an order may execute in it: half the quoted
 * spread as a fraction of the price, and a seeded draw for limit orders the bar only touches.
 */
export interface BarConditions {
  /** The quote in force when the bar starts (null without one). */
  quote(): { bidPrice: number; askPrice: number } | null;
  halfSpread(): number;
  /** Whether a resting limit the bar reaches exactly (never trades through) is filled. */
  touchFills(): boolean;
}

/**
 * The price a limit order gets in a bar. Marketable at the open (the ask, for a buy, is at or under the
 * limit): takes liquidity at the open and pays half the spread, never beyond the limit. Otherwise it rests
 * and fills at its limit only when the bar trades through it (a low under a buy limit, a high over a sell
 * limit); a bar that only touches the limit fills it with the seeded probability of `touchFills`, since the
 * queue ahead of a resting order is unknown.
 */
function limitExecution(buy: boolean, limit: number, bar: Bar, auction: SimOrder['auction'], market: BarConditions): BarExecution | null {
  if (auction) {
    const p = auction === 'open' ? bar.o : bar.c;
    return (buy ? p <= limit : p >= limit) ? { price: p, cap: limit, maker: false, crosses: false } : null;
  }
  if (buy ? bar.o <= limit : bar.o >= limit) {
    const met = crossedPrice(buy, bar.o, market);
    if (buy ? met <= limit : met >= limit) return { price: bar.o, cap: limit, maker: false, crosses: true };
  }
  if (buy ? bar.l < limit : bar.h > limit) return { price: limit, cap: limit, maker: true, crosses: false };
  if ((buy ? bar.l === limit : bar.h === limit) && market.touchFills()) return { price: limit, cap: limit, maker: true, crosses: false };
  return null;
}

/** The price a stop triggers at in a bar (the open when the bar gaps through it), or null. */
function triggerPrice(buy: boolean, stop: number, bar: Bar): number | null {
  if (buy) return bar.h >= stop ? Math.max(bar.o, stop) : null;
  return bar.l <= stop ? Math.min(bar.o, stop) : null;
}

/** A trailing stop's trigger level for a high-water mark (low-water mark for buys). */
export function trailingStopLevel(o: Pick<SimOrder, 'side' | 'trailPrice' | 'trailPercent'>, hwm: number): number {
  const buy = o.side === 'buy';
  if (o.trailPrice !== null) return buy ? hwm + o.trailPrice : hwm - o.trailPrice;
  const pct = (o.trailPercent ?? 0) / 100;
  return buy ? hwm * (1 + pct) : hwm * (1 - pct);
}

/**
 * Whether `o` executes in `bar`, and at what base price. Mutates the order's trigger state (a stop that
 * triggers, a trailing stop's high-water mark) and returns `changed` when it did. Within a bar the path is
 * unknown, so the model is conservative: a stop-limit whose trigger price is beyond its limit does not
 * fill in the trigger bar, and a trailing stop is checked against the previous mark before the bar's
 * extreme moves it.
 */
export function executionInBar(o: SimOrder, bar: Bar, market: BarConditions): { execution: BarExecution | null; changed: boolean } {
  const buy = o.side === 'buy';
  switch (o.type) {
    case 'market':
      return { execution: { price: o.auction === 'close' ? bar.c : bar.o, cap: null, maker: false, crosses: o.auction === null }, changed: false };
    case 'limit':
      return { execution: limitExecution(buy, o.limitPrice!, bar, o.auction, market), changed: false };
    case 'stop':
    case 'stop_limit': {
      const limit = o.type === 'stop_limit' ? o.limitPrice! : o.protectLimit;
      if (o.triggered) return { execution: limit === null ? { price: bar.o, cap: null, maker: false, crosses: true } : limitExecution(buy, limit, bar, null, market), changed: false };
      const at = triggerPrice(buy, o.stopPrice!, bar);
      if (at === null) return { execution: null, changed: false };
      o.triggered = true;
      if (limit !== null && (buy ? at > limit : at < limit)) return { execution: null, changed: true };
      return { execution: { price: at, cap: limit, maker: false, crosses: true }, changed: true };
    }
    case 'trailing_stop': {
      const hwm = o.hwm ?? bar.o;
      const stop = trailingStopLevel(o, hwm);
      const at = triggerPrice(buy, stop, bar);
      if (at !== null) {
        o.triggered = true;
        o.hwm = hwm;
        o.stopPrice = stop;
        return { execution: { price: at, cap: null, maker: false, crosses: true }, changed: true };
      }
      const next = buy ? Math.min(hwm, bar.l) : Math.max(hwm, bar.h);
      const changed = next !== o.hwm;
      o.hwm = next;
      o.stopPrice = trailingStopLevel(o, next);
      return { execution: null, changed };
    }
  }
}

/**
 * The price an order taking liquidity meets at `price`: the quote's ask (a buy) or bid (a sell) when `price`
 * lies inside the quote in force (the quote is current), otherwise `price` moved by half the spread (the
 * quote is stale: a gap, a stop triggered inside the bar).
 */
export function crossedPrice(buy: boolean, price: number, market: BarConditions): number {
  const q = market.quote();
  if (q !== null && q.bidPrice > 0 && q.bidPrice <= price && price <= q.askPrice) return buy ? q.askPrice : q.bidPrice;
  const hs = market.halfSpread();
  return price * (buy ? 1 + hs : 1 - hs);
}

/**
 * The price after the spread and slippage, always against the trader and never beyond the order's limit:
 * an order that takes liquidity meets the ask (a buy) or the bid (a sell), `crossed` (see crossedPrice),
 * then pays `slippageBps`, plus `volumeImpactBps` × participation (qty / bar
 * volume), plus `rangeImpact` × the bar's high-low range × √participation (impact grows with size and with
 * volatility, the square-root law of market impact). A resting limit filled at its price pays none of it.
 */
export function slippedPrice(buy: boolean, execution: BarExecution, participation: number, config: SimBrokerConfig, bar: Bar, crossed: number): number {
  if (execution.maker) return execution.price;
  const share = Math.min(1, Math.max(0, participation));
  const rangeBps = bar.o > 0 ? ((bar.h - bar.l) / bar.o) * 10_000 : 0;
  const bps = config.slippageBps + config.volumeImpactBps * share + config.rangeImpact * rangeBps * Math.sqrt(share);
  const base = execution.crosses ? crossed : execution.price;
  const moved = base * (buy ? 1 + bps / 10_000 : 1 - bps / 10_000);
  if (execution.cap === null) return moved;
  return buy ? Math.min(moved, execution.cap) : Math.max(moved, execution.cap);
}

/** Half the quoted spread of `q` as a fraction of its mid, or `fallbackBps` / 2 without a usable quote. */
export function halfSpreadOf(q: { bidPrice: number; askPrice: number } | null, fallbackBps: number): number {
  if (q === null || !(q.bidPrice > 0) || !(q.askPrice >= q.bidPrice)) return fallbackBps / 20_000;
  return (q.askPrice - q.bidPrice) / (q.askPrice + q.bidPrice);
}

/** When an order sent at `now` reaches the venue: `orderLatencyMs` plus a seeded jitter per client order id. */
export function arrivalOf(now: number, clientOrderId: string, config: SimBrokerConfig): number {
  const jitter = config.orderLatencyJitterMs > 0 ? Math.round(seededDraw(config.fillSeed, clientOrderId, now) * config.orderLatencyJitterMs) : 0;
  return now + config.orderLatencyMs + jitter;
}

/**
 * When an order sent at `now` and arriving at `arrival` starts to work on one-minute bars: the start of the
 * minute it arrives in, but never before the call (no bar that opened before the decision). Sub-minute
 * latency therefore moves a fill only when it carries the order into the next minute.
 */
export function admissionTime(now: number, arrival: number): number {
  return Math.max(now, Math.floor(arrival / 60_000) * 60_000);
}

/** A uniform draw in [0, 1) from the seed, the order and the bar: the same run draws the same, whatever else happens. */
export function seededDraw(seed: number, orderId: string, t: number): number {
  let h = (2166136261 ^ seed) >>> 0;
  const label = `${orderId}@${t}`;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Most of one bar an order may take: `maxParticipation` × volume, rounded down to the quantity step. */
export function barCapacity(volume: number, config: SimBrokerConfig, step: number): number {
  if (!(volume > 0)) return 0;
  const raw = volume * config.maxParticipation;
  return Math.floor(raw / step + 1e-9) * step;
}

/**
 * Fees of one execution: for equities, commission per share plus bps of value, and on sales the regulatory
 * fees Alpaca passes on (SEC Section 31 fee and FINRA TAF, each rounded up to the cent: see domain/fees.ts);
 * maker or taker bps for crypto.
 */
export function feeOf(assetClass: SimOrder['assetClass'], side: SimOrder['side'], qty: number, price: number, maker: boolean, config: SimBrokerConfig): number {
  const value = qty * price;
  if (assetClass === 'crypto') return (value * (maker ? config.cryptoMakerFeeBps : config.cryptoTakerFeeBps)) / 10_000;
  const commission = qty * config.feePerShare + (value * config.feeBps) / 10_000;
  return side === 'sell' && config.regulatoryFees ? commission + equitySaleFees(qty, price) : commission;
}
