import type { Env } from '../config/env.schema.ts';
import type { ReplayFeed } from '../adapters/replay/replay-feed.ts';
import { AppError } from '../shared/errors.ts';
import { tradingClock } from './clock.ts';
import { SimMarketData } from '../adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../adapters/sim/sim-news-source.ts';
import { SimBroker } from '../adapters/sim/broker/sim-broker.ts';
import type { World } from './world.ts';

let replay: ReplayFeed | undefined;

/** Lets the backtest host hand in the history it loaded (`npm run backtest`); `undefined` forgets it. */
export function setReplayFeed(feed: ReplayFeed | undefined): void {
  replay = feed;
}

/**
 * The backtest world: stored history replayed on the host's clock, the simulated broker with its account in
 * memory (speed matters; the decisions and orders still go to the stores like any other mode), news from
 * the replayed items. Everything above the ports is the same code as in sim, paper and live.
 */
export function backtestWorld(env: Extract<Env, { TRADING_MODE: 'backtest' }>): World {
  if (!replay) throw new AppError('CONFIG_INVALID', 'TRADING_MODE=backtest replays stored history: run it with `npm run backtest -- --from <date> --to <date>`');
  const clock = tradingClock();
  return {
    mode: env.TRADING_MODE,
    clock,
    broker: new SimBroker({ feed: replay, clock }),
    marketData: new SimMarketData(replay, clock),
    newsSources: () => [new SimNewsSource(replay!, clock, 'replay')],
  };
}
