import type { Clock } from '../../lib/ports/clock.port.ts';
import type { Logger } from '../../lib/platform/logger.ts';
import { createLogger } from '../../lib/platform/logger.ts';
import { AlpacaClient, type AlpacaFetch } from '../../lib/adapters/alpaca/alpaca.client.ts';
import { InProcessRateLimiter } from '../../lib/adapters/redis/redis-rate-limiter.ts';

/** The key pair tests give the Alpaca-compatible facade and the clients that call it. */
export const FACADE_KEYS = { keyId: 'PKFACADETEST0001', secretKey: 'facade-test-secret-000000000000000001' };

/** The clock the client's rate budget runs on: waiting for a token moves it, never the market's clock. */
function transportClock(market: Clock): Clock & { sleep(ms: number): Promise<void> } {
  let skew = 0;
  return { now: () => market.now() + skew, sleep: async (ms) => void (skew += ms) };
}

/**
 * The production AlpacaClient pointed at an Alpaca-compatible base URL (both hosts), with the SDK's own
 * fetch unless `fetchApi` is given. The budget is generous: a facade does not rate-limit, and a test that
 * wants 429s injects them.
 */
export function alpacaClientAt(url: string, marketClock: Clock, options: { fetchApi?: AlpacaFetch; logger?: Logger } = {}): AlpacaClient {
  const clock = transportClock(marketClock);
  return new AlpacaClient({
    keyId: FACADE_KEYS.keyId,
    secretKey: FACADE_KEYS.secretKey,
    tradingBaseUrl: url,
    dataBaseUrl: url,
    ...(options.fetchApi ? { fetchApi: options.fetchApi } : {}),
    clock,
    sleep: clock.sleep,
    rateLimiter: new InProcessRateLimiter(clock),
    logger: options.logger ?? createLogger({ sink: () => undefined }),
    timeoutMs: 10_000,
    maxRateWaitMs: 1_000,
    requestsPerMinute: { trading: 1_000_000, data: 1_000_000 },
  });
}
