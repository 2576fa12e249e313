import { worker } from '../worker.ts';
import { SignalsContract } from '../../app/coordinator/contracts.ts';
import { requireCycle } from '../worker-args.ts';
import { computeSignals } from '../../app/analyze/signals.ts';
import { recentBarsCache } from '../../app/analyze/recent-columns.ts';
import { technicalsCache } from '../../app/analyze/technicals-cache.ts';
import { strategyParams } from '../settings.ts';
import { getWorld } from '../world.ts';
import { analysisStore, cycleStore } from '../stores.ts';
import type { Runtime } from '../runtime.ts';

/** technical/signals: indicators, regime and the strategy's scored, explained signal for a batch of symbols. */
const setup = (rt: Runtime) => ({ marketData: getWorld(rt).marketData, analysis: analysisStore(rt), clock: getWorld(rt).clock, params: strategyParams(rt.env), cycles: cycleStore(rt), recentBars: rt.once(recentBarsCache), technicals: rt.once(technicalsCache), ...(rt.overrides.sharedTechnicals ? { sharedTechnicals: rt.overrides.sharedTechnicals } : {}) });

export const { main, create } = worker(SignalsContract, setup, async (input, { deps }) => {
  await requireCycle(deps.cycles, input.cycleId);
  const signals = await computeSignals(deps, input.cycleId, input.symbols, input.detections, deps.params);
  return { signals: signals.map((s) => ({ id: s.id, symbol: s.symbol, direction: s.direction, score: s.score })) };
});
