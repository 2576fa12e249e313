import type pg from 'pg';
import { createLogger } from '../platform/logger.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { createPool } from '../adapters/postgres/pool.ts';
import { AlpacaClient } from '../adapters/alpaca/alpaca.client.ts';
import { AlpacaBroker } from '../adapters/alpaca/alpaca.broker.ts';
import { InProcessRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';
import type { Broker } from '../ports/broker.port.ts';

/** What `npm run import:trades` runs on: the database (absent in a dry run without one) and, with keys, the broker (read only). */
export interface TradeImportWiring {
  pool: pg.Pool | null;
  broker: Broker | null;
  close(): Promise<void>;
}

/**
 * From the environment: DATABASE_URL, and Alpaca keys for the asset list and the positions (paper, or the
 * trading host ALPACA_TRADING_BASE_URL names; only reads are made). Never live unless that URL says so.
 */
export function tradeImportWiring(env: NodeJS.ProcessEnv): TradeImportWiring {
  const url = env.DATABASE_URL || undefined;
  const pool = url ? createPool({ url, caCert: env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-import-trades' }) : null;
  let broker: Broker | null = null;
  if (env.APCA_API_KEY_ID && env.APCA_API_SECRET_KEY) {
    const client = new AlpacaClient({
      keyId: env.APCA_API_KEY_ID,
      secretKey: env.APCA_API_SECRET_KEY,
      ...(env.ALPACA_TRADING_BASE_URL ? { tradingBaseUrl: env.ALPACA_TRADING_BASE_URL } : {}),
      clock: systemClock,
      rateLimiter: new InProcessRateLimiter(systemClock),
      logger: createLogger({ level: 'error', secrets: [env.APCA_API_SECRET_KEY], sink: (line) => process.stderr.write(`${line}\n`) }),
    });
    broker = new AlpacaBroker(client);
  }
  return { pool, broker, close: async () => void (await pool?.end()) };
}
