import { worker } from '../worker.ts';
import { DetectContract } from '../../app/coordinator/contracts.ts';
import { detectRecent } from '../../app/analyze/detect.ts';
import { recentBarsCache } from '../../app/analyze/recent-columns.ts';
import { getWorld } from '../world.ts';
import type { Runtime } from '../runtime.ts';

/** patterns/detect: candle patterns and day-trading setups on a batch of symbols' recent bars (crypto: in New York days, around the clock). */
const setup = (rt: Runtime) => ({ marketData: getWorld(rt).marketData, clock: getWorld(rt).clock, shared: rt.overrides.sharedDetections, recentBars: rt.once(recentBarsCache) });

export const { main, create } = worker(DetectContract, setup, async (input, { deps }) => {
  const detect = (symbols: readonly string[]) => detectRecent(deps, symbols, undefined, input.market === 'crypto');
  // Optimiser trials over one history share what an earlier trial detected at this instant (see shared-detections.ts).
  return { detections: deps.shared ? await deps.shared(deps.clock.now(), input.market, input.symbols, detect) : await detect(input.symbols) };
});
