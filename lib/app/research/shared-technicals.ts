import type { EpochMs } from '../../domain/time.ts';
import type { SharedTechnicals, Technicals } from '../analyze/technicals.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';
import { setBounded } from '../../shared/bounded-map.ts';

export type { SharedTechnicals } from '../analyze/technicals.ts';


/**
 * technical/signals' parameter-free part shared by every trial of one study in one worker: a symbol's
 * indicators and minute regime at an instant read only its one-minute bars up to then from the worker's
 * read-only history (fixed periods and MINUTE_REGIME_THRESHOLDS; lib/config/parameter-space.ts tunes only the
 * scoring, exits and sizing applied after them), so (at, symbol) determines them. Only one runner's trials may
 * share one: a different history is a different cache. Answers are frozen (every trial reads the same object);
 * the `capacity` most recent are kept.
 */
export function sharedTechnicals(capacity = 250_000): SharedTechnicals {
  const known = new Map<string, Technicals>();
  const shared = (at: EpochMs, symbol: string, compute: () => Technicals): Technicals => {
    const key = `${at}|${symbol}`;
    let answer = known.get(key);
    if (!answer) {
      answer = deepFreeze(compute());
      setBounded(known, key, answer, capacity);
    }
    return answer;
  };
  return Object.assign(shared, { size: () => known.size });
}
