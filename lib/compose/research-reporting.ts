import type { Runtime } from './runtime.ts';
import type { ResearchViewDeps } from '../app/reporting/research-views.ts';
import { PgResearchRunsReader } from '../adapters/postgres/research-runs.reader.ts';

const buildResearchViewDeps = (rt: Runtime): ResearchViewDeps => ({ research: new PgResearchRunsReader(rt.pool()) });

/** The research views' dependencies (read-only: the runs reader alone, no writer), once per runtime. */
export function researchViewDeps(rt: Runtime): ResearchViewDeps {
  return rt.once(buildResearchViewDeps);
}
