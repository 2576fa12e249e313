import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { Fence } from '../../../lib/compose/worker-args.ts';
import { reconcile } from '../../../lib/app/trading/reconcile.ts';
import { getWorld } from '../../../lib/compose/world.ts';
import { reportingReader, tradingStore } from '../../../lib/compose/stores.ts';
import { getLogger } from '../../../lib/compose/runtime.ts';

/** trading/reconcile: the broker's orders, fills and positions into our records (the broker wins). */
const setup = () => ({ broker: getWorld().broker, store: tradingStore(), clock: getWorld().clock, log: getLogger(), reader: reportingReader() });

export const main = worker('trading/reconcile', z.object({ fence: Fence }), setup, async (input, { deps }) => {
  const r = await reconcile(deps, input.fence ?? null);
  const positions = await deps.store.openPositions();
  const account = await deps.reader.latestAccount();
  return {
    ordersUpserted: r.ordersUpserted,
    fillsNew: r.fillsNew,
    tripsOpened: r.tripsOpened,
    tripsClosed: r.tripsClosed,
    corrections: r.audit.filter((a) => a.action.startsWith('position.') || a.action.startsWith('order.')).length,
    intentsResolved: r.intentsResolved,
    intentsFailed: r.intentsFailed,
    openPositions: positions.length,
    equity: account?.equity ?? 0,
  };
});
