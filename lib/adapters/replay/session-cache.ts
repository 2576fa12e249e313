import type { SessionSource, StreamPlan } from './session-source.ts';
import { setBounded } from '../../shared/bounded-map.ts';

/**
 * `source` with its plan read once, for several streamed replays of the same history (the trials of one
 * worker): the plan is read-only, and building it (every symbol's daily context) costs a second at 100 symbols.
 */
export function planOnce(source: SessionSource): SessionSource {
  let plan: Promise<StreamPlan> | undefined;
  return {
    plan() {
      plan ??= source.plan();
      // A failed plan is asked again next time, not remembered.
      plan.catch(() => (plan = undefined));
      return plan;
    },
    load: (window) => source.load(window),
  };
}

/** A bounded memo (packed sessions by window, plans by trial window), with how often it answered. */
export interface BoundedMemo<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  stats(): { sessions: number; hits: number; misses: number };
}

/**
 * Keeps the `bound` values most recently read or set, dropping the least recently used: the trials of a
 * halving rung replay the same few sessions one after another, so those stay while the rung runs, and a
 * later rung or fold replaces them. A value is read-only once set.
 */
export function lruMemo<T>(bound: number): BoundedMemo<T> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const held = new Map<string, T>();
  let hits = 0;
  let misses = 0;
  return {
    get(key) {
      const value = held.get(key);
      if (value === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      held.delete(key);
      held.set(key, value);
      return value;
    },
    set(key, value) {
      held.delete(key);
      setBounded(held, key, value, bound);
    },
    stats: () => ({ sessions: held.size, hits, misses }),
  };
}
