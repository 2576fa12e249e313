import { newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import type { RateLimiter } from '../../../ports/rate-limiter.port.ts';
import { createLogger } from '../../../platform/logger.ts';
import { AlpacaClient, type AlpacaFetch } from '../../alpaca/alpaca.client.ts';
import { InProcessRateLimiter } from '../../redis/redis-rate-limiter.ts';
import { createSyntheticMarket, type SyntheticMarket } from '../../sim/market/synthetic-market.ts';
import { SimMarketData } from '../../sim/sim-market-data.ts';
import { SimNewsSource } from '../../sim/sim-news-source.ts';
import { SimBroker } from '../../sim/broker/sim-broker.ts';
import { manualClock, type ManualClock } from '../../sim/broker/sim-broker-fixture.ts';
import { startAlpacaFacade, type RunningFacade } from '../../sim/facade/alpaca-facade.ts';
import type { FacadeRateLimit } from '../../sim/facade/request-budget.ts';

/** The keys the download tests call the facade with. */
export const DOWNLOAD_KEYS = { keyId: 'PKDOWNLOADTEST01', secretKey: 'download-test-secret-0000000000000001' };

/** A synthetic market served by the Alpaca facade over HTTP, its clock well after the history asked for. */
export interface HistoryFacade {
  market: SyntheticMarket;
  marketClock: ManualClock;
  facade: RunningFacade;
  stocks: string[];
  pairs: string[];
}

/** Starts the facade over a small synthetic market (stocks, one pair, news with updated versions). */
export async function startHistoryFacade(
  options: { seed?: number; symbols?: number; start?: string; now?: string; crypto?: false | number; newsRate?: number; rateLimit?: FacadeRateLimit } = {},
): Promise<HistoryFacade> {
  const market = createSyntheticMarket({ seed: options.seed ?? 11, start: options.start ?? '2026-03-02', symbols: options.symbols ?? 4, crypto: options.crypto ?? 1, newsRate: options.newsRate ?? 8 });
  const marketClock = manualClock(newYorkTime(options.now ?? '2026-04-20', '12:00'));
  const facade = await startAlpacaFacade({
    broker: new SimBroker({ feed: market, clock: marketClock }),
    marketData: new SimMarketData(market, marketClock),
    news: new SimNewsSource(market, marketClock),
    clock: marketClock,
    credentials: [DOWNLOAD_KEYS],
    port: 0,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const assets = market.assets();
  return {
    market,
    marketClock,
    facade,
    stocks: assets.filter((a) => a.assetClass === 'us_equity').map((a) => a.symbol).sort(),
    pairs: assets.filter((a) => a.assetClass === 'crypto').map((a) => a.symbol).sort(),
  };
}

/** A wall clock for the transport that only moves when something waits on it. */
export function steppedClock(start = 1_900_000_000_000): Clock & { sleep(ms: number): Promise<void>; slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept };
}

/** The production client pointed at `url`, on `clock`, with the given budget (default: in process, generous). */
export function downloadClient(url: string, clock: Clock & { sleep(ms: number): Promise<void> }, options: { rateLimiter?: RateLimiter; perMinute?: number; fetchApi?: AlpacaFetch } = {}): AlpacaClient {
  return new AlpacaClient({
    keyId: DOWNLOAD_KEYS.keyId,
    secretKey: DOWNLOAD_KEYS.secretKey,
    tradingBaseUrl: url,
    dataBaseUrl: url,
    clock,
    sleep: clock.sleep,
    rateLimiter: options.rateLimiter ?? new InProcessRateLimiter(clock),
    logger: createLogger({ sink: () => undefined }),
    requestsPerMinute: { data: options.perMinute ?? 100_000, trading: 100_000 },
    ...(options.fetchApi ? { fetchApi: options.fetchApi } : {}),
    timeoutMs: 30_000,
    maxRateWaitMs: 1_000,
  });
}
