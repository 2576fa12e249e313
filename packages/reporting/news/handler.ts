import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';

const Args = z.object({
  symbol: z.optional(z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});

/** reporting/news: the news feed (latest version of each item known now) with sentiment and catalysts. */
export const { main, create } = webFunction('reporting/news', Args, reportingDeps, async (i, { deps }) => ({ news: await deps.reader.news({ ...i, knownAt: deps.clock.now() }) }));
