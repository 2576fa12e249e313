import type { ReportingDeps } from '../app/reporting/views.ts';
import type { Runtime } from './runtime.ts';
import { tradingClock } from './clock.ts';
import { reportAssumptions } from './assumptions.ts';
import { jsonCache, liveSummary, reportingReader } from './stores.ts';

const buildReportingDeps = (rt: Runtime): ReportingDeps => ({ reader: reportingReader(rt), cache: jsonCache(rt), live: liveSummary(rt), clock: tradingClock(rt), mode: rt.env.TRADING_MODE, assumptions: reportAssumptions(rt.env.TRADING_MODE) });

/** The reporting views' dependencies (no broker, no market data, no writer: a small bundle), once per runtime. */
export function reportingDeps(rt: Runtime): ReportingDeps {
  return rt.once(buildReportingDeps);
}
