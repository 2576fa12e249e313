import type { Bar } from '../../../domain/market.ts';
import type { SimBrokerConfig } from './sim-broker-config.ts';
import type { SimOrder } from './sim-state.ts';

/** Where an order would execute in a bar, before slippage: the base price, a limit it may not cross, and who took liquidity. */
export interface BarExecution {
  price: number;
  /** Limit the slipped price may not cross (limit, stop-limit, protected buy stop). */
  cap: number | null;
  /** True when a resting limit order is filled at its price (crypto maker fee). */
  maker: boolean;
}

/**
 * The price a limit order gets in a bar: the open when the bar opens through the limit (taker), otherwise
 * the limit when the bar trades at it (maker). Touching the limit is enough: the simulator keeps no queue.
 */
function limitExecution(buy: boolean, limit: number, bar: Bar, auction: SimOrder['auction']): BarExecution | null {
  if (auction) {
    const p = auction === 'open' ? bar.o : bar.c;
    return (buy ? p <= limit : p >= limit) ? { price: p, cap: limit, maker: false } : null;
  }
  if (buy ? bar.o <= limit : bar.o >= limit) return { price: bar.o, cap: limit, maker: false };
  if (buy ? bar.l <= limit : bar.h >= limit) return { price: limit, cap: limit, maker: true };
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
export function executionInBar(o: SimOrder, bar: Bar): { execution: BarExecution | null; changed: boolean } {
  const buy = o.side === 'buy';
  switch (o.type) {
    case 'market':
      return { execution: { price: o.auction === 'close' ? bar.c : bar.o, cap: null, maker: false }, changed: false };
    case 'limit':
      return { execution: limitExecution(buy, o.limitPrice!, bar, o.auction), changed: false };
    case 'stop':
    case 'stop_limit': {
      const limit = o.type === 'stop_limit' ? o.limitPrice! : o.protectLimit;
      if (o.triggered) return { execution: limit === null ? { price: bar.o, cap: null, maker: false } : limitExecution(buy, limit, bar, null), changed: false };
      const at = triggerPrice(buy, o.stopPrice!, bar);
      if (at === null) return { execution: null, changed: false };
      o.triggered = true;
      if (limit !== null && (buy ? at > limit : at < limit)) return { execution: null, changed: true };
      return { execution: { price: at, cap: limit, maker: false }, changed: true };
    }
    case 'trailing_stop': {
      const hwm = o.hwm ?? bar.o;
      const stop = trailingStopLevel(o, hwm);
      const at = triggerPrice(buy, stop, bar);
      if (at !== null) {
        o.triggered = true;
        o.hwm = hwm;
        o.stopPrice = stop;
        return { execution: { price: at, cap: null, maker: false }, changed: true };
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
 * The price after slippage: `slippageBps` plus `volumeImpactBps` × participation (qty / bar volume), always
 * against the trader, never beyond the order's limit.
 */
export function slippedPrice(buy: boolean, execution: BarExecution, participation: number, config: SimBrokerConfig): number {
  const bps = config.slippageBps + config.volumeImpactBps * Math.min(1, participation);
  const moved = execution.price * (buy ? 1 + bps / 10_000 : 1 - bps / 10_000);
  if (execution.cap === null) return moved;
  return buy ? Math.min(moved, execution.cap) : Math.max(moved, execution.cap);
}

/** Most of one bar an order may take: `maxParticipation` × volume, rounded down to the quantity step. */
export function barCapacity(volume: number, config: SimBrokerConfig, step: number): number {
  if (!(volume > 0)) return 0;
  const raw = volume * config.maxParticipation;
  return Math.floor(raw / step + 1e-9) * step;
}

/** Commission of one execution: per share plus bps of value for equities, maker or taker bps for crypto. */
export function feeOf(assetClass: SimOrder['assetClass'], qty: number, price: number, maker: boolean, config: SimBrokerConfig): number {
  const value = qty * price;
  if (assetClass === 'crypto') return (value * (maker ? config.cryptoMakerFeeBps : config.cryptoTakerFeeBps)) / 10_000;
  return qty * config.feePerShare + (value * config.feeBps) / 10_000;
}
