import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { CycleId } from '../../../lib/compose/worker-args.ts';
import { detectRecent } from '../../../lib/app/analyze/detect.ts';
import { getWorld } from '../../../lib/compose/world.ts';

const Args = z.object({
  cycleId: CycleId,
  symbols: z.array(z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/))).check(z.minLength(1), z.maxLength(500)),
  market: z._default(z.enum(['stocks', 'crypto']), 'stocks'),
});

/** patterns/detect: candle patterns and day-trading setups on a batch of symbols' recent bars (crypto: in New York days, around the clock). */
const setup = () => ({ marketData: getWorld().marketData, clock: getWorld().clock });

export const main = worker('patterns/detect', Args, setup, async (input, { deps }) => ({ detections: await detectRecent(deps, input.symbols, undefined, input.market === 'crypto') }));
