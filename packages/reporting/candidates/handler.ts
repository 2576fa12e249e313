import * as z from 'zod/mini';
import { IdArg } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';
import { candidatesView } from '../../../lib/app/reporting/views.ts';

/** reporting/candidates: a cycle's candidates (the latest by default) with their reasons and signals. */
export const { main, create } = webFunction('reporting/candidates', z.object({ cycleId: z.optional(IdArg()) }), reportingDeps, async (i, { deps }) =>
  candidatesView(deps, i.cycleId),
);
