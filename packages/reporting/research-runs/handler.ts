import * as z from 'zod/mini';
import { IdArg, IsoDateArg, isIsoDate } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { researchViewDeps } from '../../../lib/compose/research-reporting.ts';
import { researchRunsView } from '../../../lib/app/reporting/research-views.ts';

const ordered = (lo: 'from' | 'savedFrom', hi: 'to' | 'savedTo') =>
  z.refine((args: unknown) => {
    const a = args as Partial<Record<string, unknown>>;
    const [l, u] = [a[lo], a[hi]];
    return typeof l !== 'string' || typeof u !== 'string' || !isIsoDate(l) || !isIsoDate(u) || l <= u;
  }, {
    message: `expected a date on or after ${lo}`,
    path: [hi],
  });

// from/to: the studied window overlaps them; savedFrom/savedTo: the New York date the run was saved.
const Args = z
  .object({
    kind: z.optional(z.enum(['backtest', 'event-study', 'walk-forward'])),
    from: z.optional(IsoDateArg()),
    to: z.optional(IsoDateArg()),
    savedFrom: z.optional(IsoDateArg()),
    savedTo: z.optional(IsoDateArg()),
    beforeId: z.optional(IdArg()),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
  })
  .check(ordered('from', 'to'), ordered('savedFrom', 'savedTo'));

/** reporting/research-runs: saved backtests, event studies and walk-forward studies, newest first, filtered, summaries only. */
export const { main, create } = webFunction('reporting/research-runs', Args, researchViewDeps, async (i, { deps }) => researchRunsView(deps, i));
