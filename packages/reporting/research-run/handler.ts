import * as z from 'zod/mini';
import { IdArg } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { researchViewDeps } from '../../../lib/compose/research-reporting.ts';
import { researchRunView } from '../../../lib/app/reporting/research-views.ts';

const Args = z.object({
  id: IdArg(),
  points: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(5000)), 2000),
});

/** reporting/research-run: one research run for its view (equity thinned to `points`, under the 1 MB response limit). */
export const { main, create } = webFunction('reporting/research-run', Args, researchViewDeps, async (i, { deps }) =>
  researchRunView(deps, i.id, { maxPoints: i.points, maxBytes: 900_000 }),
);
