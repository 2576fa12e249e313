import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';

const Args = z.object({
  status: z.optional(z.string().check(z.regex(/^[a-z_]{3,20}$/))),
  symbol: z.optional(z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});

/** reporting/orders: recent orders with the intent behind each. */
export const { main, create } = webFunction('reporting/orders', Args, reportingDeps, async (i, { deps }) => ({ orders: await deps.reader.orders(i) }));
