import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { reconcile } from '../../../lib/app/trading/reconcile.ts';

/** trading/reconcile: the broker's orders, fills and positions into our records (the broker wins). */
export const main = worker('trading/reconcile', z.object({ fence: z.optional(z.number()) }), async (input, { deps }) => {
  const w = deps.world;
  const r = await reconcile({ broker: w.broker, store: deps.trading, clock: w.clock, log: deps.log }, input.fence ?? null);
  const positions = await deps.trading.openPositions();
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
