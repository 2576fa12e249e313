import type { Env } from '../lib/config/env.schema.ts';
import { PARAMETER_SPACE } from '../lib/config/parameter-space.ts';

/** The settings that change what a backtest decides: strategy, risk, schedule, universe and the synthetic market. */
const DECISION_SETTINGS = [
  'ALLOW_SHORTS', 'CRYPTO_ENABLED', 'DAILY_LOSS_LIMIT_PCT', 'DEAD_MAN_FLATTEN', 'DEAD_MAN_MINUTES', 'FANOUT_BATCH_SIZE',
  'FIRST_SCAN_AFTER_OPEN_MINUTES', 'FLATTEN_BEFORE_CLOSE_MINUTES', 'FLATTEN_CRYPTO_AT_CLOSE', 'MAX_DRAWDOWN_PCT',
  'MAX_OPEN_POSITIONS', 'MAX_POSITION_PCT', 'NEWS_EVERY_MINUTES', 'NEWS_WINDOW_MINUTES', 'NO_ENTRY_BEFORE_CLOSE_MINUTES',
  'RISK_PER_TRADE_PCT', 'SCANNER_MAX_PRICE', 'SCANNER_MIN_DOLLAR_VOLUME', 'SCANNER_MIN_PRICE', 'SCANNER_TOP_N',
  'SCAN_EVERY_MINUTES', 'UNIVERSE_EXCHANGES', 'UNIVERSE_SYMBOLS', 'SIM_SEED', 'SIM_SYMBOLS', 'SIM_NEWS_RATE',
] as const;

type Setting = string | number | boolean | null | string[];

/** Those settings as the run parsed them (absent ones left out), for the --json report. */
export function strategySettings(env: Env): Record<string, Setting> {
  const out: Record<string, Setting> = {};
  const values = env as unknown as Record<string, unknown>;
  // The tunable settings (the strategy's weights and thresholds, the scanner's news half-life) decide too.
  for (const key of [...DECISION_SETTINGS, ...PARAMETER_SPACE.map((r) => r.env).filter((k) => !(DECISION_SETTINGS as readonly string[]).includes(k))]) {
    const v = values[key];
    if (v === undefined) continue;
    out[key] = Array.isArray(v) ? v.map(String) : typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as Setting);
  }
  return out;
}
