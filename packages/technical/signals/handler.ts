import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { computeSignals } from '../../../lib/app/analyze/signals.ts';
import { strategyParams } from '../../../lib/compose/settings.ts';

const DetectionSchema = z.object({
  name: z.string(),
  kind: z.enum(['pattern', 'setup']),
  direction: z.enum(['bullish', 'bearish', 'neutral', 'long', 'short']),
  t: z.number(),
  levels: z.record(z.string(), z.number()),
});
const Args = z.object({
  cycleId: z.number().check(z.int(), z.positive()),
  fence: z.optional(z.number()),
  symbols: z.array(z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/))).check(z.minLength(1), z.maxLength(500)),
  detections: z._default(z.record(z.string(), z.array(DetectionSchema)), {}),
});

/** technical/signals: indicators, regime and the strategy's scored, explained signal for a batch of symbols. */
export const main = worker('technical/signals', Args, async (input, { deps }) => {
  const w = deps.world;
  const signals = await computeSignals({ marketData: w.marketData, analysis: deps.analysis, clock: w.clock }, input.cycleId, input.symbols, input.detections, strategyParams(deps.env));
  return { signals: signals.map((s) => ({ id: s.id, symbol: s.symbol, direction: s.direction, score: s.score })) };
});
