import * as z from 'zod/mini';
import { IdArg } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { researchViewDeps } from '../../../lib/compose/research-reporting.ts';
import { researchRunsView } from '../../../lib/app/reporting/research-views.ts';

const Args = z.object({
  kind: z.optional(z.enum(['backtest', 'event-study', 'walk-forward'])),
  beforeId: z.optional(IdArg()),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
});

/** reporting/research-runs: saved backtests, event studies and walk-forward studies, newest first, summaries only. */
export const { main, create } = webFunction('reporting/research-runs', Args, researchViewDeps, async (i, { deps }) => researchRunsView(deps, i));
