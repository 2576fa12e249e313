import type { EpochMs } from '../../domain/time.ts';
import type { Detection } from '../../strategy/decide/strategy-types.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';
import { setBounded } from '../../shared/bounded-map.ts';

/** patterns/detect's work for a batch of symbols at the current instant (detectRecent over the runtime's market data). */
export type DetectBatch = (symbols: readonly string[]) => Promise<Record<string, Detection[]>>;

/** Detections shared by the runs that read one history: at `at`, the symbols already detected are answered, the rest computed by `compute`. */
export type SharedDetections = ((at: EpochMs, market: 'stocks' | 'crypto', symbols: readonly string[], compute: DetectBatch) => Promise<Record<string, Detection[]>>) & { size(): number };


/**
 * patterns/detect shared by every trial of one study in one worker: a symbol's detections read only its
 * one-minute bars up to `at` (candle patterns and setups, no tuned parameter: lib/config/parameter-space.ts
 * tunes the weights, thresholds, exits and sizing applied after them), and every trial of the worker reads
 * the same read-only history through the same market-data double, so (market, at, symbol) determines them.
 * Only one runner's trials may share one: a different history is a different cache. Each symbol is computed
 * by the first trial that asks; detectRecent is per symbol (a symbol's answer does not depend on the batch).
 * The `capacity` most recent answers are kept (a walk-forward moves on; old instants are not asked again).
 */
export function sharedDetections(capacity = 250_000): SharedDetections {
  const known = new Map<string, readonly Detection[]>();
  const shared = async (at: EpochMs, market: 'stocks' | 'crypto', symbols: readonly string[], compute: DetectBatch): Promise<Record<string, Detection[]>> => {
    const keyOf = (symbol: string) => `${market}|${at}|${symbol}`;
    const answers = new Map<string, readonly Detection[]>();
    for (const symbol of symbols) {
      const hit = known.get(keyOf(symbol));
      if (hit) answers.set(symbol, hit);
    }
    const missing = [...new Set(symbols.filter((s) => !answers.has(s)))];
    if (missing.length) {
      const computed = await compute(missing);
      for (const symbol of missing) {
        const detections = deepFreeze(computed[symbol] ?? []);
        answers.set(symbol, detections);
        setBounded(known, keyOf(symbol), detections, capacity);
      }
    }
    const out: Record<string, Detection[]> = {};
    // Frozen, shared with other trials: the answer is parsed into fresh objects by the worker's contract.
    for (const symbol of symbols) out[symbol] = answers.get(symbol) as Detection[];
    return out;
  };
  return Object.assign(shared, { size: () => known.size });
}
