import type { SessionData, SessionSource, StreamPlan } from './session-source.ts';

export interface SessionCacheOptions {
  /** Sessions of loaded data kept: the first this many loaded; 0 keeps none. */
  sessions: number;
}

/** A SessionSource that remembers its plan and what it loaded: what `cachedSessionSource` hands out. */
export interface CachedSessionSource extends SessionSource {
  /** What is held now and how often a load was answered from it. */
  stats(): { sessions: number; hits: number; misses: number };
}

/**
 * Remembers `source`'s plan and its first `sessions` loads, for several streamed replays of the same history
 * (the trials of one worker). Sessions are read-only and a source answers the same window with the same data,
 * so a remembered load is the load itself; the bound keeps memory in sessions, not in the study's length.
 * Nothing is evicted: every replay streams from the plan's start, so the first sessions are the ones each
 * replay reads again (least-recently-used would evict every session of a scan longer than the bound before
 * its next reader came, and never hit).
 */
export function cachedSessionSource(source: SessionSource, options: SessionCacheOptions): CachedSessionSource {
  let plan: Promise<StreamPlan> | undefined;
  const loads = new Map<string, Promise<SessionData>>();
  let hits = 0;
  let misses = 0;
  return {
    plan() {
      plan ??= source.plan();
      // A failed plan is asked again next time, not remembered.
      plan.catch(() => (plan = undefined));
      return plan;
    },
    load(window) {
      const key = `${window.from}:${window.to}:${window.newsFrom}`;
      const held = loads.get(key);
      if (held) {
        hits++;
        return held;
      }
      misses++;
      const loading = source.load(window);
      if (loads.size >= options.sessions) return loading;
      loads.set(key, loading);
      // A failed load is not remembered: the next reader asks the source again.
      loading.catch(() => loads.get(key) === loading && loads.delete(key));
      return loading;
    },
    stats: () => ({ sessions: loads.size, hits, misses }),
  };
}
