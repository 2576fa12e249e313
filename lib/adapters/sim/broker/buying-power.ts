import type { SimBrokerConfig } from './sim-broker-config.ts';
import { remainingQty, type AccountState, type SimOrder } from './sim-state.ts';

/** Prices at the current instant, from the feed's quote in force (null when the symbol has none yet). */
export interface Pricer {
  /** Mid price: what positions are valued at. */
  mark(symbol: string): number | null;
  ask(symbol: string): number | null;
  bid(symbol: string): number | null;
}

/** The account valued at the current prices. Market values in USD; short market value is negative. */
export interface Valuation {
  longMarketValue: number;
  shortMarketValue: number;
  equity: number;
  /** Reg-T: 50 % of marginable longs and of shorts, 100 % of non-marginable (crypto) longs. */
  initialMargin: number;
  /** 25 % of marginable longs, 30 % of shorts, 100 % of non-marginable longs. */
  maintenanceMargin: number;
}

/** Values every position at its last trade price. */
export function valueAccount(state: AccountState): Valuation {
  let longMarketValue = 0;
  let shortMarketValue = 0;
  let initialMargin = 0;
  let maintenanceMargin = 0;
  for (const symbol in state.positions) {
    const p = state.positions[symbol]!;
    const value = p.qty * p.lastPrice;
    if (value >= 0) {
      longMarketValue += value;
      const marginable = p.assetClass === 'us_equity';
      initialMargin += marginable ? value * 0.5 : value;
      maintenanceMargin += marginable ? value * 0.25 : value;
    } else {
      shortMarketValue += value;
      initialMargin += -value * 0.5;
      maintenanceMargin += -value * 0.3;
    }
  }
  return { longMarketValue, shortMarketValue, equity: state.cash + longMarketValue + shortMarketValue, initialMargin, maintenanceMargin };
}

/**
 * Buying power reserved by an open order: buys reserve their estimated cost (limit price, stop price, or
 * the ask at acceptance for market orders), sells reserve only what they would sell short, valued at
 * max(limit, ask × buffer) (Alpaca's rule); exits of brackets and OCOs close a position and reserve nothing.
 */
export function holdOf(o: SimOrder, state: AccountState, config: SimBrokerConfig): number {
  if (o.legRole !== null || o.orderClass === 'oco') return 0;
  const remaining = remainingQty(o);
  if (o.side === 'buy') {
    if (o.qty === null) return Math.max(0, (o.notional ?? 0) - o.filledValue);
    return remaining * buyPriceEstimate(o);
  }
  const held = state.positions[o.symbol]?.qty ?? 0;
  if (held > 0) return 0;
  const ask = o.refPrice ?? o.limitPrice ?? o.stopPrice ?? 0;
  return remaining * Math.max(o.limitPrice ?? 0, ask * config.shortValuationBuffer);
}

function buyPriceEstimate(o: SimOrder): number {
  const ask = o.refPrice;
  switch (o.type) {
    case 'limit':
    case 'stop_limit':
      return o.limitPrice ?? 0;
    case 'stop':
      return o.protectLimit ?? o.stopPrice ?? 0;
    case 'trailing_stop': {
      const base = o.hwm ?? ask ?? 0;
      return o.trailPrice !== null ? base + o.trailPrice : base * (1 + (o.trailPercent ?? 0) / 100);
    }
    default:
      return ask ?? 0;
  }
}

/** Buying power before holds, by margin multiplier (1: cash; 2: 2 × (equity − initial margin); 4: 4 × (equity − maintenance margin)). */
export function baseBuyingPower(state: AccountState, v: Valuation, multiplier: 1 | 2 | 4): number {
  if (multiplier === 1) return Math.max(0, state.cash);
  if (multiplier === 2) return Math.max(0, (v.equity - v.initialMargin) * 2);
  // Alpaca states the 4x figure from yesterday's close: 4 × (last_equity − last_maintenance_margin), which
  // intraday equals 4 × (equity − maintenance margin) as long as equity does not move.
  return Math.max(0, (v.equity - v.maintenanceMargin) * 4);
}

/** What the account may still buy: marginable (equities) and non-marginable (crypto, cash only), after holds. */
export interface BuyingPower {
  buyingPower: number;
  nonMarginableBuyingPower: number;
  holds: number;
}

/** Buying power after the holds of `open` orders (skipping `except`, the order being replaced). */
export function buyingPowerOf(
  state: AccountState,
  open: Iterable<SimOrder>,
  config: SimBrokerConfig,
  except?: string,
): BuyingPower & Valuation {
  const v = valueAccount(state);
  let holds = 0;
  for (const o of open) if (o.id !== except && o.status !== 'held') holds += holdOf(o, state, config);
  const base = baseBuyingPower(state, v, config.marginMultiplier);
  const cashLike = Math.min(Math.max(0, state.cash), config.marginMultiplier === 1 ? state.cash : Math.max(0, v.equity - v.initialMargin));
  return {
    longMarketValue: v.longMarketValue,
    shortMarketValue: v.shortMarketValue,
    equity: v.equity,
    initialMargin: v.initialMargin,
    maintenanceMargin: v.maintenanceMargin,
    holds,
    buyingPower: Math.max(0, base - holds),
    nonMarginableBuyingPower: Math.max(0, cashLike - holds),
  };
}
