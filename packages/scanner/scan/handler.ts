import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { CycleId, Fence, requireCycle } from '../../../lib/compose/worker-args.ts';
import { scan } from '../../../lib/app/scan/scan.ts';
import { refreshUniverse } from '../../../lib/app/scan/refresh-universe.ts';
import { scannerConfig, universeConfig } from '../../../lib/compose/settings.ts';
import { getWorld } from '../../../lib/compose/world.ts';
import { analysisStore, newsStore } from '../../../lib/compose/stores.ts';
import { getEnv } from '../../../lib/compose/runtime.ts';

const Args = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('refresh'), fence: Fence }),
  z.object({ mode: z.literal('scan'), cycleId: CycleId, fence: Fence, market: z._default(z.enum(['stocks', 'crypto']), 'stocks') }),
]);

const setup = () => ({ env: getEnv(), world: getWorld(), analysis: analysisStore(), news: newsStore() });

/** scanner/scan: ranks the universe's stocks or crypto pairs by catalyst (mode scan), or refreshes assets and daily statistics (mode refresh). */
export const main = worker('scanner/scan', Args, setup, async (input, { deps }) => {
  const w = deps.world;
  if (input.mode === 'refresh') return refreshUniverse({ broker: w.broker, marketData: w.marketData, analysis: deps.analysis, clock: w.clock }, universeConfig(deps.env));
  await requireCycle(input.cycleId);
  const r = await scan({ marketData: w.marketData, news: deps.news, analysis: deps.analysis, clock: w.clock }, input.cycleId, universeConfig(deps.env), scannerConfig(deps.env), deps.env.NEWS_WINDOW_MINUTES, input.market);
  return {
    universe: r.universe,
    withNews: r.withNews,
    dataCalls: r.dataCalls,
    excluded: r.excluded.length,
    candidates: r.candidates.map((c) => ({ id: c.id, symbol: c.symbol, rank: c.rank, score: c.score, direction: c.direction, blocked: c.blocked })),
  };
});
