import * as z from 'zod/mini';
import { flag, int, list, nonEmpty, num } from './shared.ts';

/** When the coordinator does what (see lib/app/coordinator/schedule.ts). */
export const scheduleEnv = {
  NEWS_EVERY_MINUTES: z._default(int(1, 60), 2),
  SCAN_EVERY_MINUTES: z._default(int(1, 60), 5),
  FIRST_SCAN_AFTER_OPEN_MINUTES: z._default(int(0, 120), 1),
  NO_ENTRY_BEFORE_CLOSE_MINUTES: z._default(int(0, 390), 15),
  /** Flatten every equity position this many minutes before the close (a day-trading system holds nothing overnight). */
  FLATTEN_BEFORE_CLOSE_MINUTES: z._default(int(1, 120), 10),
  CRYPTO_ENABLED: z._default(flag, false),
  /** Also liquidate crypto pairs at the stock close (off: pairs trade around the clock and keep their stops). */
  FLATTEN_CRYPTO_AT_CLOSE: z._default(flag, false),
  DEAD_MAN_MINUTES: z._default(int(2, 1440), 10),
  DEAD_MAN_FLATTEN: z._default(flag, true),
};

/** What the scanner looks at. */
export const universeEnv = {
  /** Comma-separated symbols; unset = every tradable asset on UNIVERSE_EXCHANGES. */
  UNIVERSE_SYMBOLS: z._default(list, []),
  UNIVERSE_EXCHANGES: z._default(list, ['NASDAQ', 'NYSE', 'ARCA', 'AMEX', 'BATS']),
  NEWS_WINDOW_MINUTES: z._default(int(10, 2880), 240),
  SCANNER_TOP_N: z._default(int(1, 200), 20),
  SCANNER_MIN_PRICE: z._default(num(0, 100_000), 1),
  SCANNER_MAX_PRICE: z._default(num(0, 1_000_000), 1000),
  SCANNER_MIN_DOLLAR_VOLUME: z._default(num(0, 1e12), 1_000_000),
};

/** Risk limits (the rest keep the risk engine's documented defaults). */
export const riskEnv = {
  RISK_PER_TRADE_PCT: z._default(num(0.01, 5), 0.5),
  MAX_OPEN_POSITIONS: z._default(int(0, 100), 5),
  MAX_POSITION_PCT: z._default(num(0.1, 100), 20),
  DAILY_LOSS_LIMIT_PCT: z._default(num(0.1, 50), 2),
  MAX_DRAWDOWN_PCT: z._default(num(0.5, 90), 10),
  ALLOW_SHORTS: z._default(flag, false),
};

/** Notifications (off unless configured). */
export const notifyEnv = {
  /** Slack or Discord incoming-webhook URL. */
  NOTIFY_WEBHOOK_URL: z.optional(z.url({ protocol: /^https?$/ })),
  TELEGRAM_BOT_TOKEN: z.optional(nonEmpty),
  TELEGRAM_CHAT_ID: z.optional(nonEmpty),
  NOTIFY_PER_MINUTE: z._default(int(1, 600), 20),
};

/** The dashboard's login and the reporting functions' CORS. */
export const dashboardEnv = {
  /** scrypt hash from `npm run auth:hash -- '<password>'`. */
  DASHBOARD_PASSWORD_HASH: z.optional(z.string().check(z.regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/))),
  /** At least 32 random characters; signs the dashboard's tokens. */
  AUTH_TOKEN_SECRET: z.optional(z.string().check(z.minLength(32))),
  /** The dashboard's origin (https://your-app.ondigitalocean.app); CORS allows only it. */
  DASHBOARD_ORIGIN: z.optional(z.url({ protocol: /^https?$/ })),
  /** Bearer token Prometheus sends to reporting/metrics. */
  METRICS_TOKEN: z.optional(z.string().check(z.minLength(16))),
};

/** How the deployed coordinator invokes the workers (OpenWhisk REST). */
export const functionsEnv = {
  /** Defaults to the platform's __OW_API_HOST. */
  FUNCTIONS_API_HOST: z.optional(z.url({ protocol: /^https?$/ })),
  /** A namespace access key, `dof_v1_<id>:<secret>` (doctl serverless key create); required deployed. */
  FUNCTIONS_API_KEY: z.optional(z.string().check(z.regex(/^[^:\s]+:[^:\s]+$/))),
  FANOUT_BATCH_SIZE: z._default(int(1, 500), 25),
  FANOUT_CONCURRENCY: z._default(int(1, 50), 4),
};
