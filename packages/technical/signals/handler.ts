import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { CycleId, Fence, requireCycle } from '../../../lib/compose/worker-args.ts';
import { computeSignals } from '../../../lib/app/analyze/signals.ts';
import { strategyParams } from '../../../lib/compose/settings.ts';
import { getWorld } from '../../../lib/compose/world.ts';
import { analysisStore } from '../../../lib/compose/stores.ts';
import { getEnv } from '../../../lib/compose/runtime.ts';

const DetectionSchema = z.object({
  name: z.string(),
  kind: z.enum(['pattern', 'setup']),
  direction: z.enum(['bullish', 'bearish', 'neutral', 'long', 'short']),
  t: z.number(),
  levels: z.record(z.string(), z.number()),
});
const Args = z.object({
  cycleId: CycleId,
  fence: Fence,
  symbols: z.array(z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/))).check(z.minLength(1), z.maxLength(500)),
  detections: z._default(z.record(z.string(), z.array(DetectionSchema)), {}),
});

/** technical/signals: indicators, regime and the strategy's scored, explained signal for a batch of symbols. */
const setup = () => ({ marketData: getWorld().marketData, analysis: analysisStore(), clock: getWorld().clock });

export const main = worker('technical/signals', Args, setup, async (input, { deps }) => {
  await requireCycle(input.cycleId);
  const signals = await computeSignals(deps, input.cycleId, input.symbols, input.detections, strategyParams(getEnv()));
  return { signals: signals.map((s) => ({ id: s.id, symbol: s.symbol, direction: s.direction, score: s.score })) };
});
