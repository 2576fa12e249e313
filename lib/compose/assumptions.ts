import { describeFees } from '../domain/fees.ts';
import { describeSimBroker, resolveSimBrokerConfig, type SimBrokerConfig } from '../adapters/sim/broker/sim-broker-config.ts';
import { describeNewsLatency } from '../adapters/sim/sim-news-source.ts';

const METRICS = 'Metrics: trade figures net of estimated fees (gross beside them); Sharpe and Sortino from daily returns of NYSE sessions (first session included, sqrt(252), risk-free 0, as empyrical); CAGR only over 252 sessions or more, otherwise the period return';

/**
 * What a report of this mode cannot know and assumes instead: how fills are priced, latency, fees and how
 * the figures are computed. `spreadModel`: the replay's spread model (backtests).
 */
export function reportAssumptions(mode: string, options: { spreadModel?: string; broker?: Partial<SimBrokerConfig> } = {}): string[] {
  const fees = `Fees in trade figures: ${describeFees()}`;
  if (mode === 'paper') {
    return [
      'Fills: Alpaca paper trading fills against the real-time NBBO with no market impact, slippage, queue position or fees, and random partial fills: live fills will be worse',
      fees,
      METRICS,
    ];
  }
  if (mode === 'live') return ['Fills: real, as Alpaca reports them', fees, METRICS];
  const quotes =
    mode === 'backtest'
      ? `Quotes: history has none; spread model: ${options.spreadModel ?? 'see the backtest output'}`
      : "Quotes: the synthetic market's quoted spread per symbol (three times wider outside the regular session), trades printing around the mid";
  return [quotes, ...describeSimBroker(resolveSimBrokerConfig(options.broker)), describeNewsLatency(), fees, METRICS];
}
