import type { SessionSource, StreamPlan } from './session-source.ts';

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

/** A memo of the first `sessions` values set (packed sessions, by window), with how often it answered. */
export interface FirstSessionsMemo<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  stats(): { sessions: number; hits: number; misses: number };
}

/**
 * Keeps the first `sessions` values set and nothing after: every trial streams from the plan's start, so the
 * first sessions are the ones each trial reads again (least-recently-used would evict every session of a scan
 * longer than the bound before its next reader came, and never hit). A value is read-only once set.
 */
export function firstSessionsMemo<T>(sessions: number): FirstSessionsMemo<T> {
  const held = new Map<string, T>();
  let hits = 0;
  let misses = 0;
  return {
    get(key) {
      const value = held.get(key);
      if (value === undefined) misses++;
      else hits++;
      return value;
    },
    set(key, value) {
      if (held.size < sessions && !held.has(key)) held.set(key, value);
    },
    stats: () => ({ sessions: held.size, hits, misses }),
  };
}
