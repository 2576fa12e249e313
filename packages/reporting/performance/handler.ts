import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';
import { performanceView } from '../../../lib/app/reporting/views.ts';

/** reporting/performance: return, win rate, profit factor, expectancy, R, Sharpe, Sortino, drawdown, CAGR; by day and week. */
export const { main, create } = webFunction('reporting/performance', z.object({ days: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(3650)), 90) }), reportingDeps, async (i, { deps }) =>
  performanceView(deps, i.days),
);
