import { getEnv, getLogger } from './runtime.ts';
import * as s from './stores.ts';
import { getWorld } from './world.ts';
import { newsSources } from './news-sources.ts';
import { buildNotifier } from './notifier.ts';
import { analyseItem } from '../app/news/analyse-item.ts';

/** Everything at once, for tools and tests (functions compose only what they use). */
export function deps() {
  const world = getWorld();
  return {
    env: getEnv(),
    log: getLogger(),
    world,
    newsSources: newsSources(),
    news: s.newsStore(),
    analysis: s.analysisStore(),
    trading: s.tradingStore(),
    state: s.stateStore(),
    cycles: s.cycleStore(),
    reader: s.reportingReader(),
    runs: s.runsStore(),
    limiter: s.rateLimiter(),
    lock: s.tickLock(),
    live: s.liveSummary(),
    cache: s.jsonCache(),
    notifier: buildNotifier(s.rateLimiter()),
    analyse: analyseItem,
  };
}

/** Kept for tests that reset the composition. */
export function resetDeps(): void {
  s.resetStores();
}
