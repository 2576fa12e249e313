import type { Env } from '../config/env.schema.ts';
import type { Runtime } from './runtime.ts';
import { simClock } from './clock.ts';
import { createSyntheticMarket } from '../adapters/sim/market/synthetic-market.ts';
import { SimMarketData } from '../adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../adapters/sim/sim-news-source.ts';
import { SimBroker } from '../adapters/sim/broker/sim-broker.ts';
import { PostgresStateStore } from '../adapters/sim/broker/postgres-state-store.ts';
import { resolveSimBrokerConfig } from '../adapters/sim/broker/sim-broker-config.ts';
import type { World } from './world-type.ts';
import { AppError } from '../shared/errors.ts';

/** The simulated world: the synthetic market, its broker (state in Postgres) and its news, on the shared clock. */
export function simWorld(rt: Runtime, env: Extract<Env, { TRADING_MODE: 'sim' }>): World {
  const { clock, marketStart } = simClock(rt);
  if (!marketStart) throw new AppError('CONFIG_INVALID', 'SIM_MARKET_START is not set: the synthetic market\'s first day is chosen by `npm start` (scheduler/start.ts)');
  const market = createSyntheticMarket({ seed: env.SIM_SEED, start: marketStart, symbols: env.SIM_SYMBOLS, crypto: env.CRYPTO_ENABLED, newsRate: env.SIM_NEWS_RATE });
  const accountId = resolveSimBrokerConfig().accountId;
  return {
    mode: env.TRADING_MODE,
    clock,
    broker: new SimBroker({ feed: market, clock, store: new PostgresStateStore(rt.pool(), accountId) }),
    marketData: new SimMarketData(market, clock),
    newsSources: () => [new SimNewsSource(market, clock)],
    market,
  };
}
