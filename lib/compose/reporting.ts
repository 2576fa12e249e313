import type { ReportingDeps } from '../app/reporting/views.ts';
import type { deps as depsFn } from './deps.ts';

/** The reporting use cases' dependencies from the built ones. */
export function reportingDeps(d: ReturnType<typeof depsFn>): ReportingDeps {
  return { reader: d.reader, cache: d.cache, live: d.live, clock: d.world.clock, mode: d.env.TRADING_MODE };
}
