/**
 * What a closed trade paid in fees and commissions at Alpaca, estimated from its prices and quantities
 * (the broker reports crypto fees as separate activities posted at the end of the day, and equity regulatory
 * fees only on trade confirmations, so reports estimate them the same way for every mode).
 *
 * - Equities: commission-free; sales pay the SEC Section 31 fee (a rate per dollar sold) and FINRA's Trading
 *   Activity Fee (per share sold, capped per trade), each rounded up to the cent. A long pays them on its exit,
 *   a short on its entry (the short sale).
 * - Crypto: a fee on each side as a share of the value traded. Alpaca's tier 1 (under $100k of 30-day volume)
 *   is 15 bps maker / 25 bps taker (alpaca.markets/support/crypto-maker-taker-gmt-faq); a closed trade does
 *   not say which side was the maker, so both sides are charged the taker rate.
 */
export interface FeeSchedule {
  /** SEC Section 31 fee, USD per USD of sales. */
  secFeePerDollarSold: number;
  /** FINRA Trading Activity Fee, USD per share sold. */
  tafPerShareSold: number;
  /** FINRA TAF cap per trade, USD. */
  tafMaxPerTrade: number;
  /** Crypto fee per side, bps of the value traded. */
  cryptoBpsPerSide: number;
}

/**
 * Defaults, chosen never to flatter: $27.80 per million (the SEC rate of May 2024, the last non-zero one
 * confirmed here: it was set to $0 from May 14, 2025 once the fiscal year's budget was collected; the rate
 * for fiscal 2026, ordered on February 27, 2026, was not confirmed); TAF $0.000166 a share, at most $8.30 a
 * trade (FINRA's 2024 schedule); crypto 25 bps a side (Alpaca's tier-1 taker fee).
 */
export const ALPACA_FEES: FeeSchedule = {
  secFeePerDollarSold: 27.8 / 1_000_000,
  tafPerShareSold: 0.000166,
  tafMaxPerTrade: 8.3,
  cryptoBpsPerSide: 25,
};

/** A closed trade as fees see it. Prices in USD, quantities in units of the asset. */
export interface TradeForFees {
  symbol: string;
  side: 'long' | 'short';
  entryPrice: number;
  entryQty: number;
  exitPrice: number;
  exitQty: number;
}

const upToCent = (usd: number) => (usd > 0 ? Math.ceil(usd * 100 - 1e-9) / 100 : 0);

/** Regulatory fees of one sale of `qty` shares at `price`, USD. */
export function equitySaleFees(qty: number, price: number, schedule: FeeSchedule = ALPACA_FEES): number {
  if (!(qty > 0)) return 0;
  return upToCent(qty * price * schedule.secFeePerDollarSold) + upToCent(Math.min(schedule.tafMaxPerTrade, qty * schedule.tafPerShareSold));
}

/** Fees and commissions of a closed trade, USD (crypto pairs are spelled with a slash, `BTC/USD`). */
export function tradeFees(t: TradeForFees, schedule: FeeSchedule = ALPACA_FEES): number {
  if (t.symbol.includes('/')) return ((t.entryQty * t.entryPrice + t.exitQty * t.exitPrice) * schedule.cryptoBpsPerSide) / 10_000;
  return t.side === 'long' ? equitySaleFees(t.exitQty, t.exitPrice, schedule) : equitySaleFees(t.entryQty, t.entryPrice, schedule);
}

/** One line saying what the fee model charges (for report assumptions). */
export function describeFees(schedule: FeeSchedule = ALPACA_FEES): string {
  return `equities commission-free; on sales SEC fee $${(schedule.secFeePerDollarSold * 1e6).toFixed(2)} per $1M and FINRA TAF $${schedule.tafPerShareSold} per share (max $${schedule.tafMaxPerTrade.toFixed(2)}), each rounded up to the cent; crypto ${schedule.cryptoBpsPerSide} bps a side`;
}
