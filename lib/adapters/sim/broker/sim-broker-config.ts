/**
 * How the simulated broker fills and charges. Prices in USD, quantities in units of the asset, rates in
 * basis points (1 bp = 0.01 %) or plain fractions where the name says `share`.
 */
export interface SimBrokerConfig {
  /** Account id reported by getAccount (a UUID, as Alpaca's). */
  accountId: string;
  /** Cash the account starts with (Alpaca paper: $100,000). */
  initialCash: number;
  /** 1 = cash account, 2 = Reg-T margin (Alpaca's default above $2,000), 4 = legacy day-trading margin. */
  marginMultiplier: 1 | 2 | 4;
  /** Whether the account may sell short (also needs a margin account and a shortable asset). */
  shortingEnabled: boolean;
  /** Adverse price move applied to every fill, in bps of the price. */
  slippageBps: number;
  /** Extra adverse move per unit of participation (fill qty / bar volume), in bps: 100 % of a bar costs this much. */
  volumeImpactBps: number;
  /** Extra adverse move as a fraction of the bar's high-low range at 100 % participation, scaled by √participation (volatility-driven impact). */
  rangeImpact: number;
  /** Orders that take liquidity pay half the quoted spread in force when they execute (false only in tests that price fills off bars by hand). */
  crossSpread: boolean;
  /** Quoted spread assumed when the feed has no quote, bps. */
  fallbackSpreadBps: number;
  /** Chance that a resting limit the price only touches (never trades through) is filled, 0..1 (seeded draw per order and bar). */
  touchFillProbability: number;
  /** Seed of the touch-fill draws. */
  fillSeed: number;
  /** Time from a decision's submit call to the order's arrival at the venue, ms (a few hundred ms over the internet to Alpaca): the order cannot fill before it arrives. */
  orderLatencyMs: number;
  /** Extra arrival delay, uniform in [0, this] ms, drawn from `fillSeed` per order (deterministic). */
  orderLatencyJitterMs: number;
  /** Most of one bar's volume one order may take (0..1]; the rest waits for later bars (partial fills). */
  maxParticipation: number;
  /** Equity commission per share, USD (Alpaca: 0). */
  feePerShare: number;
  /** Equity commission, bps of the traded value (Alpaca: 0). */
  feeBps: number;
  /** Equity sales pay the SEC fee and FINRA TAF as Alpaca passes them on (domain/fees.ts ALPACA_FEES). */
  regulatoryFees: boolean;
  /** Crypto fee when the order takes liquidity (market, or marketable at its first bar), bps. */
  cryptoTakerFeeBps: number;
  /** Crypto fee when a resting limit order is filled at its limit, bps. */
  cryptoMakerFeeBps: number;
  /** Short sales are valued at max(limit, ask × this) for the buying-power check (Alpaca: 1.03). */
  shortValuationBuffer: number;
  /**
   * How long a cancel request takes to complete, ms of simulated time. Alpaca cancels asynchronously: the
   * order shows `pending_cancel`, keeps its quantity held and may still fill until the cancel completes.
   * 0 completes at once (kinder than Alpaca: only for tests that say so).
   */
  cancelDelayMs: number;
  /** Alpaca's equity/order ratio check: an order worth more than this multiple of equity, or any opening order while positions exceed it, is refused. */
  maxEquityRatio: number;
  /** Limit-price-away check: a limit order priced through the market by more than this fraction of the quote is refused (0.1 = 10 %). */
  limitPriceAwayFraction: number;
}

/** Alpaca paper's account, Alpaca's published crypto fees (tier 1: 15 bp maker, 25 bp taker) and the regulatory fees of live equity sales (stricter than paper, which charges none). */
export const DEFAULT_SIM_BROKER_CONFIG: SimBrokerConfig = {
  accountId: 'a1b2c3d4-0000-4000-8000-000000000001',
  initialCash: 100_000,
  marginMultiplier: 2,
  shortingEnabled: true,
  slippageBps: 1,
  volumeImpactBps: 50,
  rangeImpact: 0.3,
  crossSpread: true,
  fallbackSpreadBps: 10,
  touchFillProbability: 0,
  fillSeed: 1,
  orderLatencyMs: 300,
  orderLatencyJitterMs: 200,
  maxParticipation: 0.1,
  feePerShare: 0,
  feeBps: 0,
  regulatoryFees: true,
  cryptoTakerFeeBps: 25,
  cryptoMakerFeeBps: 15,
  shortValuationBuffer: 1.03,
  cancelDelayMs: 2_000,
  maxEquityRatio: 6,
  limitPriceAwayFraction: 0.1,
};

/** Fills in defaults and refuses values that would make fills meaningless. */
export function resolveSimBrokerConfig(partial: Partial<SimBrokerConfig> = {}): SimBrokerConfig {
  const c = { ...DEFAULT_SIM_BROKER_CONFIG, ...partial };
  if (!(c.touchFillProbability >= 0 && c.touchFillProbability <= 1)) throw new Error('touchFillProbability must be in [0, 1]');
  if (!(c.maxParticipation > 0 && c.maxParticipation <= 1)) throw new Error('maxParticipation must be in (0, 1]');
  for (const k of ['cancelDelayMs', 'limitPriceAwayFraction', 'initialCash', 'slippageBps', 'volumeImpactBps', 'rangeImpact', 'fallbackSpreadBps', 'orderLatencyMs', 'orderLatencyJitterMs', 'feePerShare', 'feeBps', 'cryptoTakerFeeBps', 'cryptoMakerFeeBps'] as const) {
    if (!(c[k] >= 0) || !Number.isFinite(c[k])) throw new Error(`${k} must be a finite number >= 0`);
  }
  if (!(c.maxEquityRatio > 0)) throw new Error('maxEquityRatio must be > 0');
  if (![1, 2, 4].includes(c.marginMultiplier)) throw new Error('marginMultiplier must be 1, 2 or 4');
  return c;
}

/** What a report must say about how this broker fills (one sentence each): spread, slippage, fill rules, latency, fees. */
export function describeSimBroker(c: SimBrokerConfig): string[] {
  return [
    c.crossSpread
      ? `Spread: market orders, triggered stops and marketable limits meet the ask (buys) or the bid (sells) in force, or half the quoted spread off the bar's open when the quote is stale (${c.fallbackSpreadBps} bps assumed without a quote)`
      : 'Spread: NOT paid (fills at bar prices)',
    `Slippage: ${c.slippageBps} bp + ${c.volumeImpactBps} bps x participation + ${c.rangeImpact} x the bar's high-low range x sqrt(participation), participation = quantity / bar volume, at most ${(c.maxParticipation * 100).toFixed(0)} % of a bar's volume per order (the rest fills on later bars)`,
    `Fill rules: one-minute bars; an order fills from the first bar that opens after it arrives; resting limits fill only when the price trades through them (a touch fills with probability ${c.touchFillProbability}); a bar reaching both a bracket's stop and its target books the stop; an entry's stop is live for the rest of its entry bar, its target from the next bar; a stop gapped through fills at the open`,
    `Order latency: ${c.orderLatencyMs}-${c.orderLatencyMs + c.orderLatencyJitterMs} ms from submit to arrival (seeded); an order works from the minute it arrives in, never from a bar that opened before the call, so sub-minute latency moves a fill only across a minute`,
    `Fees charged by the simulator: crypto ${c.cryptoMakerFeeBps} bps maker / ${c.cryptoTakerFeeBps} bps taker; equities ${c.feePerShare > 0 || c.feeBps > 0 ? `$${c.feePerShare}/share + ${c.feeBps} bps` : 'commission-free'}${c.regulatoryFees ? ', SEC fee and FINRA TAF on sales' : ''}`,
  ];
}
