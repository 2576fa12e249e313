import type { ReportingDeps } from '../app/reporting/views.ts';
import { getEnv, perRuntime } from './runtime.ts';
import { tradingClock } from './clock.ts';
import { reportAssumptions } from './assumptions.ts';
import { jsonCache, liveSummary, reportingReader } from './stores.ts';

/** The reporting views' dependencies (no broker, no market data: a small bundle). */
export const reportingDeps = perRuntime((): ReportingDeps => ({ reader: reportingReader(), cache: jsonCache(), live: liveSummary(), clock: tradingClock(), mode: getEnv().TRADING_MODE, assumptions: reportAssumptions(getEnv().TRADING_MODE) }));
