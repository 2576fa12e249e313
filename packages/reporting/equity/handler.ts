import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';
import { equityView } from '../../../lib/app/reporting/views.ts';

/** reporting/equity: the equity curve and its drawdown. */
export const { main, create } = webFunction('reporting/equity', z.object({ days: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(3650)), 30) }), reportingDeps, async (i, { deps }) =>
  equityView(deps, i.days),
);
