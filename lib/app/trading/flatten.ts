import type { NewIntent } from '../../ports/trading-store.port.ts';
import type { ExitReason } from '../../domain/round-trips.ts';
import { clientOrderId, timeBucketStart } from '../../domain/client-order-id.ts';
import { submitIntents } from './submit-intents.ts';
import { listOpenOrders } from './open-orders.ts';
import type { ExecuteConfig, ExecuteDeps, ExecuteReport } from './execute-entries.ts';

const OPEN = (s: string) => !['filled', 'canceled', 'expired', 'replaced', 'rejected'].includes(s);

/**
 * Closes positions at market: every one (flatten before the close, the dead man's switch, an operator's
 * flatten) or the listed symbols (an operator's close). Every open order in scope (all of them, or the listed
 * symbols') is cancelled first, so none holds the quantity and no pending entry fills afterwards; each close
 * is an intent with its reason, sent once per minute bucket.
 */
export async function flattenPositions(
  deps: ExecuteDeps,
  cycleId: number | null,
  fenceToken: number | null,
  config: Pick<ExecuteConfig, 'strategy'>,
  reason: { exitReason: ExitReason; message: string; kind: 'flatten' | 'operator' },
  onlySymbols?: readonly string[],
): Promise<ExecuteReport> {
  const now = deps.clock.now();
  const [positions, orders] = await Promise.all([deps.broker.getPositions(), listOpenOrders(deps.broker)]);
  const targets = positions.filter((p) => !onlySymbols || onlySymbols.includes(p.symbol));
  // Every open order of the symbols in scope, not only of those held: an entry that has not filled yet
  // would otherwise open a position right after the flatten.
  const inScope = (symbol: string) => !onlySymbols || onlySymbols.includes(symbol);
  for (const o of orders.flatMap((x) => [x, ...x.legs]).filter((o) => inScope(o.symbol) && OPEN(o.status))) {
    await deps.broker.cancelOrder(o.id).catch((e: unknown) => deps.log.warn('cancel before flatten failed', { orderId: o.id, error: e }));
  }
  const bucketStart = timeBucketStart(now, 60_000);
  const intents: NewIntent[] = targets.map((p) => {
    const cid = clientOrderId({ strategy: config.strategy, symbol: p.symbol, sourceId: `${reason.kind}-${reason.exitReason}`, bucketStart, purpose: 'exit' });
    return {
      clientOrderId: cid,
      cycleId,
      createdAt: now,
      kind: reason.kind,
      exitReason: reason.exitReason,
      reason: `${reason.message}: close ${p.qty} ${p.symbol}`,
      request: { clientOrderId: cid, symbol: p.symbol, side: p.side === 'long' ? 'sell' : 'buy', type: 'market', timeInForce: p.assetClass === 'crypto' ? 'gtc' : 'day', qty: p.qty },
      risk: { rule: reason.exitReason },
    };
  });
  const report = await submitIntents({ broker: deps.broker, store: deps.trading, clock: deps.clock, log: deps.log }, intents, fenceToken);
  if (intents.length) await deps.notifier.notify({ kind: 'exit', title: `Flatten: ${reason.message}`, text: intents.map((i) => `${i.request.side} ${i.request.qty} ${i.request.symbol}`).join(', '), at: now });
  return { intents: intents.length, sent: report.sent, denied: 0, byStatus: report.byStatus as Record<string, number>, denials: [] };
}
