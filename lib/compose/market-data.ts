import type { MarketData } from '../ports/market-data.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import { AppError } from '../shared/errors.ts';
import type { Runtime } from './runtime.ts';
import { simWorldBuilder } from './bundle-target.ts';
import { alpacaMarketData } from './world-alpaca.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';

/**
 * Market data and its clock without the broker, for read-only functions (reporting/chart): the same
 * instances the runtime's world holds, so a read-only bundle carries no broker.
 */
export function marketDataView(rt: Runtime): { marketData: MarketData; clock: Clock } {
  const env = rt.env;
  if (env.TRADING_MODE === 'sim' || env.TRADING_MODE === 'backtest') {
    if (!simWorldBuilder) throw new AppError('CONFIG_INVALID', `TRADING_MODE=${env.TRADING_MODE} runs locally (npm start); deployed functions trade paper or live`);
    const world = simWorldBuilder(rt);
    return { marketData: world.marketData, clock: world.clock };
  }
  return { marketData: alpacaMarketData(rt), clock: systemClock };
}
