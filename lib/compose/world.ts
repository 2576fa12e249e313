import type { Broker } from '../ports/broker.port.ts';
import type { MarketData } from '../ports/market-data.port.ts';
import type { NewsSource } from '../ports/news-source.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Env } from '../config/env.schema.ts';
import type { SyntheticMarket } from '../adapters/sim/market/synthetic-market.ts';
import { AppError } from '../shared/errors.ts';
import { getEnv } from './runtime.ts';
import { simWorldBuilder } from './bundle-target.ts';
import { alpacaWorld } from './world-alpaca.ts';

/** The market the system trades in: broker, data, news and the clock they share. Only the wiring differs by mode. */
export interface World {
  mode: Env['TRADING_MODE'];
  clock: Clock;
  broker: Broker;
  marketData: MarketData;
  /** Built on first use: only news/collect needs the sources. */
  newsSources: () => NewsSource[];
  /** The synthetic market in sim (tests and tools read its ground truth). */
  market?: SyntheticMarket;
}

let world: World | undefined;
let newsFactory: ((client: never) => NewsSource[]) | undefined;

/** Lets news/collect add the news sources (kept out of every other function's bundle). */
export function useNewsSources(factory: (client: never) => NewsSource[]): void {
  newsFactory = factory;
}

/** Builds the world once per process. */
export function getWorld(): World {
  if (world) return world;
  const env = getEnv();
  if (env.TRADING_MODE === 'sim' || env.TRADING_MODE === 'backtest') {
    if (!simWorldBuilder) throw new AppError('CONFIG_INVALID', `TRADING_MODE=${env.TRADING_MODE} runs locally (npm start); deployed functions trade paper or live`);
    world = simWorldBuilder(env);
  } else {
    world = alpacaWorld(env, (client) => (newsFactory ? newsFactory(client as never) : []));
  }
  return world;
}

/** Forgets the world (tests). */
export function resetWorld(): void {
  world = undefined;
}
