import * as z from 'zod/mini';
import { EpochMsArg } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { chartData } from '../../../lib/app/reporting/chart.ts';
import { AppError } from '../../../lib/shared/errors.ts';
import { marketDataView } from '../../../lib/compose/market-data.ts';
import { reportingReader } from '../../../lib/compose/stores.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';

const Args = z.object({
  symbol: z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/)),
  from: z.optional(EpochMsArg()),
  to: z.optional(EpochMsArg()),
  timeframe: z._default(z.enum(['1Min', '5Min', '15Min', '1Hour', '1Day']), '1Min'),
});

/** reporting/chart: bars with indicator overlays, entries and exits, patterns and news markers. */
const setup = (rt: Runtime) => ({ ...marketDataView(rt), reader: reportingReader(rt) });

export const { main, create } = webFunction('reporting/chart', Args, setup, async (i, { deps }) => {
  const now = deps.clock.now();
  const to = Math.min(i.to ?? now, now);
  const from = i.from ?? to - (i.timeframe === '1Day' ? 180 : 1) * 86_400_000;
  if (from >= to) throw new AppError('BAD_REQUEST', 'from must be before to');
  return chartData(deps, i.symbol, from, to, i.timeframe);
});
