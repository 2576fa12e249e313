import { parseArgs } from 'node:util';
import { addDays, newYorkParts, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarDay, nextTradingDay } from '../lib/domain/calendar/nyse-calendar.ts';
import { createScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { SimMarketData } from '../lib/adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../lib/adapters/sim/sim-news-source.ts';
import { SimBroker } from '../lib/adapters/sim/broker/sim-broker.ts';
import { PostgresStateStore } from '../lib/adapters/sim/broker/postgres-state-store.ts';
import { DEFAULT_SIM_BROKER_CONFIG } from '../lib/adapters/sim/broker/sim-broker-config.ts';
import { startAlpacaFacade } from '../lib/adapters/sim/facade/alpaca-facade.ts';

const HELP = `npm run sim:alpaca -- [options]

Serves Alpaca's Trading and Market Data API paths over the simulator (synthetic market, simulated fills).
Point any Alpaca client at the printed URL (trading and data share it).

  --port <n>       port to listen on (default 8787; 0 picks a free one)
  --host <h>       interface (default 127.0.0.1)
  --seed <n>       market seed (default SIM_SEED or 42)
  --symbols <n>    equities in the universe (default SIM_SYMBOLS or 50); BTC/USD, ETH/USD, SOL/USD trade too
  --speed <x>      simulated seconds per real second (default SIM_SPEED or 1)
  --start <iso>    simulated time to start at (default: 09:25 New York of today's or the next trading day)
  --history <d>    days of market history before the start (default 30)
  --db <url>       keep the account in Postgres (migrated on start) instead of in memory
  --rate-limit <n> requests a minute per key, trading and market data apart, as Alpaca enforces them
                   (default 200, the free plan; 429 beyond; 0 turns the limit off)

Keys: APCA_API_KEY_ID / APCA_API_SECRET_KEY from the environment, or the simulator's defaults
(key id SIMKEY, secret SIMSECRET). They guard nothing real; the secret is never printed.`;

function defaultStart(now: number): number {
  const today = newYorkParts(now).date;
  const day = calendarDay(today) && now < newYorkTime(today, '16:00') ? today : nextTradingDay(today).date;
  return newYorkTime(day, '09:25');
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    symbols: { type: 'string' },
    speed: { type: 'string' },
    start: { type: 'string' },
    history: { type: 'string', default: '30' },
    db: { type: 'string' },
    'rate-limit': { type: 'string', default: '200' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const number = (raw: string | undefined, fallback: number, name: string): number => {
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number\n\n${HELP}`);
    process.exit(2);
  }
  return n;
};

const simStart = values.start ? Date.parse(values.start) : defaultStart(Date.now());
if (!Number.isFinite(simStart)) {
  console.error(`--start must be an ISO time\n\n${HELP}`);
  process.exit(2);
}
const seed = number(values.seed ?? process.env.SIM_SEED, 42, 'seed');
const market = createSyntheticMarket({
  seed,
  start: addDays(newYorkParts(simStart).date, -number(values.history, 30, 'history')),
  symbols: number(values.symbols ?? process.env.SIM_SYMBOLS, 50, 'symbols'),
  crypto: true,
});
const clock = createScaledClock(simStart, number(values.speed ?? process.env.SIM_SPEED, 1, 'speed'));

let store: PostgresStateStore | undefined;
let pool: ReturnType<typeof createPool> | undefined;
if (values.db) {
  pool = createPool({ url: values.db, max: 2, applicationName: 'catalyst-sim-alpaca' });
  await migrate(pool, await readMigrations(MIGRATIONS_DIR));
  store = new PostgresStateStore(pool, DEFAULT_SIM_BROKER_CONFIG.accountId);
}

const broker = new SimBroker({ feed: market, clock, ...(store ? { store } : {}) });
const credentials = [{ keyId: process.env.APCA_API_KEY_ID || 'SIMKEY', secretKey: process.env.APCA_API_SECRET_KEY || 'SIMSECRET' }];
const running = await startAlpacaFacade({
  broker,
  marketData: new SimMarketData(market, clock),
  news: new SimNewsSource(market, clock),
  clock,
  credentials,
  ...(number(values['rate-limit'], 200, 'rate-limit') > 0 ? { rateLimit: { perMinute: number(values['rate-limit'], 200, 'rate-limit'), now: () => Date.now() } } : {}),
  port: number(values.port, 8787, 'port'),
  host: values.host!,
  onError: (e) => console.error(`[sim-alpaca] internal error: ${e instanceof Error ? e.message : String(e)}`),
});

console.log(`[sim-alpaca] Alpaca-compatible API over the simulator: ${running.url}`);
console.log(`[sim-alpaca] market seed ${seed}, ${market.assets().length} assets; simulated time ${new Date(clock.now()).toISOString()} at ${clock.speed}x`);
console.log(`[sim-alpaca] account ${values.db ? 'in Postgres' : 'in memory'}; API key id ${credentials[0]!.keyId} (secret from APCA_API_SECRET_KEY or the default)`);

const stop = async () => {
  await running.close();
  await pool?.end();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
