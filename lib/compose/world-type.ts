import type { Broker } from '../ports/broker.port.ts';
import type { MarketData } from '../ports/market-data.port.ts';
import type { NewsSource } from '../ports/news-source.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Env } from '../config/env.schema.ts';
import type { SyntheticMarket } from '../adapters/sim/market/synthetic-market.ts';
import type { AlpacaClient } from '../adapters/alpaca/alpaca.client.ts';

/** The market the system trades in: broker, data, news and the clock they share. Only the wiring differs by mode. */
export interface World {
  mode: Env['TRADING_MODE'];
  clock: Clock;
  broker: Broker;
  marketData: MarketData;
  /** The simulator's news (sim, backtest); paper and live add theirs in news-sources.ts (only news/collect bundles them). */
  newsSources: () => NewsSource[];
  /** Paper and live: the Alpaca client the broker and data use (news/collect reads Alpaca News through it). */
  alpacaClient?: AlpacaClient;
  /** The synthetic market in sim (tests and tools read its ground truth). */
  market?: SyntheticMarket;
}
