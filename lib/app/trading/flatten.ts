import type { ExitReason } from '../../domain/round-trips.ts';
import type { AssetClass } from '../../domain/market.ts';
import { closeOut } from './close-out.ts';
import { ensureStops } from './protect.ts';
import type { ExecuteConfig, ExecuteDeps, ExecuteReport } from './execute-entries.ts';

/** Which positions a flatten closes: the listed symbols, or every position of the listed asset classes. */
export interface FlattenScope {
  symbols?: readonly string[];
  /** Asset classes the daily close-out liquidates (equities only unless configured; pairs trade around the clock). */
  assetClasses?: readonly AssetClass[];
}

/**
 * Closes positions at market: every one in scope (flatten before the close, the dead man's switch, an
 * operator's flatten) or the listed symbols (an operator's close). Through closeOut: every open order of a
 * held symbol is canceled first and the close is sized from the position read after the cancels, never
 * against a leg still pending; a position with an exit already working gets no second one. Open orders of
 * listed symbols not held (an entry not yet filled) are canceled too.
 */
export async function flattenPositions(
  deps: ExecuteDeps,
  cycleId: number | null,
  fenceToken: number | null,
  config: Pick<ExecuteConfig, 'strategy'>,
  reason: { exitReason: ExitReason; message: string; kind: 'flatten' | 'operator' },
  scope: FlattenScope | readonly string[] = {},
): Promise<ExecuteReport> {
  const now = deps.clock.now();
  const s: FlattenScope = Array.isArray(scope) ? { symbols: scope as readonly string[] } : (scope as FlattenScope);
  const inScope = (symbol: string, assetClass: AssetClass) => (!s.symbols || s.symbols.includes(symbol)) && (!s.assetClasses || s.assetClasses.includes(assetClass));
  const positions = (await deps.broker.getPositions()).filter((p) => inScope(p.symbol, p.assetClass));
  // An entry that has not filled yet would open a position right after the flatten: cancel those too.
  const held = new Set(positions.map((p) => p.symbol));
  const orders = await deps.broker.listOrders({ status: 'open', nested: true, limit: 500 });
  for (const o of orders.filter((o) => !held.has(o.symbol) && inScope(o.symbol, o.assetClass) && o.status !== 'pending_cancel')) {
    await deps.broker.cancelOrder(o.id).catch((e: unknown) => deps.log.info('cancel of an unfilled order before flatten failed', { orderId: o.id, error: e }));
  }
  const targets = positions.map((p) => ({ symbol: p.symbol, side: p.side, exitReason: reason.exitReason, kind: reason.kind, reason: reason.message }));
  const closed = await closeOut(deps, cycleId, fenceToken, config.strategy, targets);
  // A close refused by name (Alpaca's protections, a quantity still held) leaves the position with a GTC stop, never bare.
  await ensureStops(deps, cycleId, fenceToken, config.strategy, positions.map((p) => ({ symbol: p.symbol, stopPrice: null })));
  if (closed.intents.length) {
    await deps.notifier.notify({ kind: 'exit', title: `Flatten: ${reason.message}`, text: closed.intents.map((i) => `${i.request.side} ${i.request.qty} ${i.request.symbol}`).join(', '), at: now });
  }
  return { intents: closed.intents.length, sent: closed.submit.sent, denied: 0, byStatus: closed.submit.byStatus as Record<string, number>, denials: [], deferred: closed.deferred.length };
}
