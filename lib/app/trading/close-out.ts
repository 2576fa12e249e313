import type { Order, Position } from '../../domain/orders.ts';
import type { ExitReason } from '../../domain/round-trips.ts';
import type { AuditEntry, NewIntent } from '../../ports/trading-store.port.ts';
import { clientOrderId, timeBucketStart } from '../../domain/client-order-id.ts';
import { isAppError } from '../../shared/errors.ts';
import { listOpenOrders } from './open-orders.ts';
import { submitIntents, type SubmitReport } from './submit-intents.ts';
import type { ExecuteDeps } from './execute-entries.ts';

/** One position to close, with its named reason. */
export interface CloseTarget {
  symbol: string;
  /** The side the decision was taken for: a position found on the other side is not closed by this exit. */
  side: 'long' | 'short';
  exitReason: ExitReason;
  kind: 'exit' | 'flatten' | 'operator';
  reason: string;
  risk?: Record<string, unknown>;
}

export interface CloseOutReport {
  intents: NewIntent[];
  submit: SubmitReport;
  /** Left for a later tick: cancels still pending (the position keeps its stop meanwhile). */
  deferred: { symbol: string; why: string; target: CloseTarget }[];
  /** Not closed: an exit already works, or the position is gone or changed side. */
  skipped: { symbol: string; why: string }[];
}

const TERMINAL = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);
const isLive = (o: Order) => !TERMINAL.has(o.status);
const allOf = (orders: readonly Order[]) => orders.flatMap(function tree(o: Order): Order[] { return [o, ...o.legs.flatMap(tree)]; });

/** A simple closing order of ours still working (a market or limit exit): the position's one working exit. */
export function workingExit(orders: readonly Order[], symbol: string, side: 'long' | 'short'): Order | null {
  const closing = side === 'long' ? 'sell' : 'buy';
  return allOf(orders).find((o) => o.symbol === symbol && isLive(o) && o.status !== 'pending_cancel' && o.orderClass === 'simple' && o.side === closing && (o.type === 'market' || o.type === 'limit')) ?? null;
}

/** The client order id of a position's close in a minute: the same for every path (exits, flatten), so one minute sends one. */
export function closeClientOrderId(strategy: string, symbol: string, side: 'long' | 'short', now: number): string {
  return clientOrderId({ strategy, symbol, sourceId: `close-${side}`, bucketStart: timeBucketStart(now, 60_000), purpose: 'exit' });
}

/** Every close not sent is explained in the audit log. */
async function auditOf(deps: ExecuteDeps, now: number, deferred: CloseOutReport['deferred'], skipped: CloseOutReport['skipped'], fenceToken: number | null): Promise<void> {
  const audit: AuditEntry[] = [
    // The decision is kept with the deferral: the next ticks continue it (manage_exits reads deferredCloses).
    ...deferred.map((d) => ({ at: now, actor: 'exits', action: 'exit.deferred', subject: d.symbol, reason: d.why, data: { side: d.target.side, exitReason: d.target.exitReason, kind: d.target.kind, reason: d.target.reason } })),
    ...skipped.map((s) => ({ at: now, actor: 'exits', action: 'exit.skipped', subject: s.symbol, reason: s.why })),
  ];
  if (audit.length) await deps.trading.appendAudit(audit, fenceToken);
}

async function cancelQuietly(deps: ExecuteDeps, o: Order): Promise<void> {
  try {
    await deps.broker.cancelOrder(o.id);
  } catch (e) {
    // 422: already ending (a sibling's cancel took it along, or it filled); 404: gone. Neither needs a retry:
    // the re-read below decides. Anything else is logged and also left to the re-read.
    const status = isAppError(e) ? e.status : 0;
    if (status !== 422 && status !== 404) deps.log.warn('cancel before close failed', { orderId: o.id, error: e });
  }
}

/**
 * Closes positions without ever opening or enlarging one (invariant 7). For each target: if an exit of ours
 * already works, nothing is sent (one working exit per position); otherwise every open order of the symbol
 * is canceled, and only once the broker shows none left open (Alpaca cancels asynchronously: a
 * `pending_cancel` leg still holds the shares and may still fill) is a market order sent, sized from a
 * position read after the cancels. A symbol whose cancels are still pending is left to the next tick, its
 * stop still working; a position that a leg closed meanwhile, or that changed side, is not touched.
 */
export async function closeOut(deps: ExecuteDeps, cycleId: number | null, fenceToken: number | null, strategy: string, targets: readonly CloseTarget[]): Promise<CloseOutReport> {
  const now = deps.clock.now();
  const deferred: CloseOutReport['deferred'] = [];
  const skipped: CloseOutReport['skipped'] = [];
  const empty: SubmitReport = { sent: 0, byStatus: {}, alreadyKnown: 0, results: [] };
  if (targets.length === 0) return { intents: [], submit: empty, deferred, skipped };
  const before = await listOpenOrders(deps.broker);
  const go: CloseTarget[] = [];
  for (const t of targets) {
    const working = workingExit(before, t.symbol, t.side);
    if (working) {
      skipped.push({ symbol: t.symbol, why: `an exit is already working (${working.clientOrderId}, ${working.status})` });
      continue;
    }
    go.push(t);
    for (const o of allOf(before).filter((x) => x.symbol === t.symbol && isLive(x) && x.status !== 'pending_cancel')) await cancelQuietly(deps, o);
  }
  if (go.length === 0) {
    await auditOf(deps, now, deferred, skipped, fenceToken);
    return { intents: [], submit: empty, deferred, skipped };
  }
  const [after, positions] = await Promise.all([listOpenOrders(deps.broker), deps.broker.getPositions()]);
  const bySymbol = new Map<string, Position>(positions.map((p) => [p.symbol, p]));
  const intents: NewIntent[] = [];
  for (const t of go) {
    const open = allOf(after).filter((o) => o.symbol === t.symbol && isLive(o));
    if (open.length > 0) {
      deferred.push({ symbol: t.symbol, target: t, why: `waiting for ${open.length} order(s) to end (${[...new Set(open.map((o) => o.status))].join(', ')}); the close follows on a later tick` });
      continue;
    }
    const p = bySymbol.get(t.symbol);
    if (!p) {
      skipped.push({ symbol: t.symbol, why: 'flat after the cancels (a leg filled meanwhile): nothing to close' });
      continue;
    }
    if (p.side !== t.side) {
      skipped.push({ symbol: t.symbol, why: `the position is now ${p.side}, not ${t.side}: this exit does not apply; reconcile plans it anew` });
      continue;
    }
    const cid = closeClientOrderId(strategy, t.symbol, p.side, now);
    intents.push({
      clientOrderId: cid,
      cycleId,
      createdAt: now,
      kind: t.kind,
      exitReason: t.exitReason,
      reason: `${t.reason}: close ${p.qty} ${t.symbol}`,
      request: { clientOrderId: cid, symbol: t.symbol, side: p.side === 'long' ? 'sell' : 'buy', type: 'market', timeInForce: p.assetClass === 'crypto' ? 'gtc' : 'day', qty: p.qty },
      risk: { rule: t.exitReason, sizedFrom: { qty: p.qty, side: p.side, readAfterCancels: true }, ...(t.risk ?? {}) },
    });
  }
  await auditOf(deps, now, deferred, skipped, fenceToken);
  const submit = await submitIntents({ broker: deps.broker, store: deps.trading, clock: deps.clock, log: deps.log }, intents, fenceToken);
  return { intents, submit, deferred, skipped };
}
