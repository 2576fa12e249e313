import * as z from 'zod/mini';
import { IdArg } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';
import { auditView } from '../../../lib/app/reporting/views.ts';

/** reporting/audit: why a trade was taken and why it exited (news version, features, signal, risk checks, orders, fills). */
export const { main, create } = webFunction('reporting/audit', z.object({ tradeId: IdArg() }), reportingDeps, async (i, { deps }) => auditView(deps, i.tradeId));
