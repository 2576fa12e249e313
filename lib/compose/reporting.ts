import type { ReportingDeps } from '../app/reporting/views.ts';
import { getEnv } from './runtime.ts';
import { tradingClock } from './clock.ts';
import { jsonCache, liveSummary, reportingReader } from './stores.ts';

let built: ReportingDeps | undefined;

/** The reporting views' dependencies (no broker, no market data: a small bundle). */
export function reportingDeps(): ReportingDeps {
  built ??= { reader: reportingReader(), cache: jsonCache(), live: liveSummary(), clock: tradingClock(), mode: getEnv().TRADING_MODE };
  return built;
}
