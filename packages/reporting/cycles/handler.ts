import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';

/** reporting/cycles: the coordinator's cycles with stage timings, counts and errors. */
export const { main, create } = webFunction('reporting/cycles', z.object({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 50) }), reportingDeps, async (i, { deps }) => ({
  cycles: await deps.reader.cycles(i.limit),
}));
