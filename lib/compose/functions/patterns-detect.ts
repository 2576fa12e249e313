import { worker } from '../worker.ts';
import { DetectContract } from '../../app/coordinator/contracts.ts';
import { detectRecent } from '../../app/analyze/detect.ts';
import { getWorld } from '../world.ts';
import type { Runtime } from '../runtime.ts';

/** patterns/detect: candle patterns and day-trading setups on a batch of symbols' recent bars (crypto: in New York days, around the clock). */
const setup = (rt: Runtime) => ({ marketData: getWorld(rt).marketData, clock: getWorld(rt).clock });

export const { main, create } = worker(DetectContract, setup, async (input, { deps }) => ({ detections: await detectRecent(deps, input.symbols, undefined, input.market === 'crypto') }));
