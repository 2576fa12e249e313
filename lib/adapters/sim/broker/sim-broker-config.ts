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
  /** Most of one bar's volume one order may take (0..1]; the rest waits for later bars (partial fills). */
  maxParticipation: number;
  /** Equity commission per share, USD (Alpaca: 0). */
  feePerShare: number;
  /** Equity commission, bps of the traded value (Alpaca: 0). */
  feeBps: number;
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

/** Alpaca paper's account and Alpaca's published crypto fees (tier 1: 15 bp maker, 25 bp taker). */
export const DEFAULT_SIM_BROKER_CONFIG: SimBrokerConfig = {
  accountId: 'a1b2c3d4-0000-4000-8000-000000000001',
  initialCash: 100_000,
  marginMultiplier: 2,
  shortingEnabled: true,
  slippageBps: 1,
  volumeImpactBps: 50,
  maxParticipation: 0.1,
  feePerShare: 0,
  feeBps: 0,
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
  if (!(c.maxParticipation > 0 && c.maxParticipation <= 1)) throw new Error('maxParticipation must be in (0, 1]');
  for (const k of ['cancelDelayMs', 'limitPriceAwayFraction', 'initialCash', 'slippageBps', 'volumeImpactBps', 'feePerShare', 'feeBps', 'cryptoTakerFeeBps', 'cryptoMakerFeeBps'] as const) {
    if (!(c[k] >= 0) || !Number.isFinite(c[k])) throw new Error(`${k} must be a finite number >= 0`);
  }
  if (!(c.maxEquityRatio > 0)) throw new Error('maxEquityRatio must be > 0');
  if (![1, 2, 4].includes(c.marginMultiplier)) throw new Error('marginMultiplier must be 1, 2 or 4');
  return c;
}
