import type { ExecuteDeps } from '../app/trading/execute-entries.ts';
import type { Runtime } from './runtime.ts';
import { getWorld } from './world.ts';
import { analysisStore, rateLimiter, stateStore, tradingStore } from './stores.ts';
import { buildNotifier } from './notifier.ts';

const buildExecuteDeps = (rt: Runtime): ExecuteDeps => {
  const w = getWorld(rt);
  return { broker: w.broker, marketData: w.marketData, analysis: analysisStore(rt), state: stateStore(rt), trading: tradingStore(rt), clock: w.clock, notifier: buildNotifier(rt, rateLimiter(rt)), log: rt.logger };
};

/** What trading/execute, trading/control and reconcile need: the broker, data, stores and notifier (once per runtime). */
export function executeDeps(rt: Runtime): ExecuteDeps {
  return rt.once(buildExecuteDeps);
}
