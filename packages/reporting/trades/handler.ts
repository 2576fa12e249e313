import * as z from 'zod/mini';
import { EpochMsArg, IdArg } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';

const Args = z.object({
  symbol: z.optional(z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/))),
  from: z.optional(EpochMsArg()),
  to: z.optional(EpochMsArg()),
  status: z._default(z.enum(['open', 'closed', 'all']), 'all'),
  exitReason: z.optional(z.string().check(z.regex(/^[a-z_]{3,40}$/))),
  beforeId: z.optional(IdArg()),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 50),
});

/** reporting/trades: round trips with filters and keyset pagination (`beforeId`). */
export const { main, create } = webFunction('reporting/trades', Args, reportingDeps, async (i, { deps }) => deps.reader.trades(i));
