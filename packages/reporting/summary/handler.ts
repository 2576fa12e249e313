import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';
import { summaryView } from '../../../lib/app/reporting/views.ts';

/** reporting/summary: equity, day P&L, open positions, trading state and the last tick. */
export const { main, create } = webFunction('reporting/summary', z.object({}), reportingDeps, async (_i, { deps }) => summaryView(deps));
