import type { ExecuteDeps } from '../app/trading/execute-entries.ts';
import { getLogger, perRuntime } from './runtime.ts';
import { getWorld } from './world.ts';
import { analysisStore, rateLimiter, stateStore, tradingStore } from './stores.ts';
import { buildNotifier } from './notifier.ts';

/** What trading/execute, trading/control and reconcile need: the broker, data, stores and notifier. */
export const executeDeps = perRuntime((): ExecuteDeps => {
  const w = getWorld();
  return { broker: w.broker, marketData: w.marketData, analysis: analysisStore(), state: stateStore(), trading: tradingStore(), clock: w.clock, notifier: buildNotifier(rateLimiter()), log: getLogger() };
});
