import { worker } from '../worker.ts';
import { ReconcileContract } from '../../app/coordinator/contracts.ts';
import { reconcile } from '../../app/trading/reconcile.ts';
import { getWorld } from '../world.ts';
import { reportingReader, tradingStore } from '../stores.ts';
import type { Runtime } from '../runtime.ts';

/** Audit entries that corrected a position or an order (a loop, not a filter: no closure and no array per tick). */
function corrections(audit: readonly { action: string }[]): number {
  let n = 0;
  for (let i = 0; i < audit.length; i++) if (audit[i]!.action.startsWith('position.') || audit[i]!.action.startsWith('order.')) n++;
  return n;
}

/** trading/reconcile: the broker's orders, fills and positions into our records (the broker wins). */
const setup = (rt: Runtime) => ({ broker: getWorld(rt).broker, store: tradingStore(rt), clock: getWorld(rt).clock, log: rt.logger, reader: reportingReader(rt) });

export const { main, create } = worker(ReconcileContract, setup, async (input, { deps }) => {
  const r = await reconcile(deps, input.fence ?? null);
  const positions = await deps.store.openPositions();
  const account = await deps.reader.latestAccount();
  return {
    ordersUpserted: r.ordersUpserted,
    fillsNew: r.fillsNew,
    tripsOpened: r.tripsOpened,
    tripsClosed: r.tripsClosed,
    corrections: corrections(r.audit),
    intentsResolved: r.intentsResolved,
    intentsFailed: r.intentsFailed,
    openPositions: positions.length,
    equity: account?.equity ?? 0,
  };
});
