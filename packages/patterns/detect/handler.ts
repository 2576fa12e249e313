import { worker } from '../../../lib/compose/worker.ts';
import { DetectContract } from '../../../lib/app/coordinator/contracts.ts';
import { detectRecent } from '../../../lib/app/analyze/detect.ts';
import { recentBarsCache } from '../../../lib/app/analyze/recent-columns.ts';
import { getWorld } from '../../../lib/compose/world.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';

/** patterns/detect: candle patterns and day-trading setups on a batch of symbols' recent bars (crypto: in New York days, around the clock). */
const setup = (rt: Runtime) => ({ marketData: getWorld(rt).marketData, clock: getWorld(rt).clock, recentBars: rt.once(recentBarsCache) });

export const { main, create } = worker(DetectContract, setup, async (input, { deps }) => ({ detections: await detectRecent(deps, input.symbols, undefined, input.market === 'crypto') }));
