import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';

/** reporting/positions: open positions with their plan, entry reason and unrealized P&L. */
export const { main, create } = webFunction('reporting/positions', z.object({}), reportingDeps, async (_i, { deps }) => ({ positions: await deps.reader.positions() }));
