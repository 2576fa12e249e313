import type { Env } from '../config/env.schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Runtime } from './runtime.ts';
import { tradingClock } from './clock.ts';
import { SimMarketData } from '../adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../adapters/sim/sim-news-source.ts';
import { SimBroker } from '../adapters/sim/broker/sim-broker.ts';
import type { World } from './world-type.ts';

/**
 * The backtest world: stored history replayed on the host's clock, the simulated broker with its account in
 * memory (speed matters; the decisions and orders still go to the stores like any other mode), news from
 * the replayed items. Everything above the ports is the same code as in sim, paper and live.
 */
export function backtestWorld(rt: Runtime, env: Extract<Env, { TRADING_MODE: 'backtest' }>): World {
  const replay = rt.overrides.replayFeed;
  if (!replay) throw new AppError('CONFIG_INVALID', 'TRADING_MODE=backtest replays stored history: run it with `npm run backtest -- --from <date> --to <date>`');
  const clock = tradingClock(rt);
  return {
    mode: env.TRADING_MODE,
    clock,
    broker: new SimBroker({ feed: replay, clock }),
    marketData: new SimMarketData(replay, clock),
    newsSources: () => [new SimNewsSource(replay, clock, 'replay')],
  };
}
