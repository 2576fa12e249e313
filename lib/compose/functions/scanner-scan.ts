import { worker } from '../worker.ts';
import { ScanContract } from '../../app/coordinator/contracts.ts';
import { requireCycle } from '../worker-args.ts';
import { scan } from '../../app/scan/scan.ts';
import { refreshUniverse } from '../../app/scan/refresh-universe.ts';
import { universeIndexCache } from '../../app/scan/universe-index.ts';
import { scannerConfig, universeConfig } from '../settings.ts';
import { getWorld } from '../world.ts';
import { analysisStore, cycleStore, newsStore } from '../stores.ts';
import type { Runtime } from '../runtime.ts';

// The universe is indexed again only when the asset rows change (once a day) within a warm container.
const setup = (rt: Runtime) => ({ env: rt.env, world: getWorld(rt), analysis: analysisStore(rt), news: newsStore(rt), cycles: cycleStore(rt), universeIndex: universeIndexCache(), sharedInputs: rt.overrides.sharedScanInputs });

/** scanner/scan: ranks the universe's stocks or crypto pairs by catalyst (mode scan), or refreshes assets and daily statistics (mode refresh). */
export const { main, create } = worker(ScanContract, setup, async (input, { deps }) => {
  const w = deps.world;
  if (input.mode === 'refresh') return refreshUniverse({ broker: w.broker, marketData: w.marketData, analysis: deps.analysis, clock: w.clock }, universeConfig(deps.env));
  await requireCycle(deps.cycles, input.cycleId);
  const r = await scan({ marketData: w.marketData, news: deps.news, analysis: deps.analysis, clock: w.clock, universeIndex: deps.universeIndex, ...(deps.sharedInputs ? { sharedInputs: deps.sharedInputs } : {}) }, input.cycleId, universeConfig(deps.env), scannerConfig(deps.env), deps.env.NEWS_WINDOW_MINUTES, input.market);
  return {
    universe: r.universe,
    withNews: r.withNews,
    dataCalls: r.dataCalls,
    excluded: r.excluded.length,
    candidates: r.candidates.map((c) => ({ id: c.id, symbol: c.symbol, rank: c.rank, score: c.score, direction: c.direction, blocked: c.blocked })),
  };
});
