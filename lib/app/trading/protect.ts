import type { Order, OrderRequest, Position } from '../../domain/orders.ts';
import type { AuditEntry, NewIntent } from '../../ports/trading-store.port.ts';
import { clientOrderId, timeBucketStart } from '../../domain/client-order-id.ts';
import { roundPriceUsd } from '../../domain/increments.ts';
import { listOpenOrders } from './open-orders.ts';
import { isAppError } from '../../shared/errors.ts';
import { submitIntents, type SubmitReport } from './submit-intents.ts';
import type { ExecuteDeps } from './execute-entries.ts';

/** A position to keep protected, with the stop its plan wants (null: none known). */
export interface ProtectTarget {
  symbol: string;
  stopPrice: number | null;
}

/** Without a planned stop, a protective stop this far from the current price (3 %). */
const FALLBACK_STOP_FRACTION = 0.03;
/** A stop never sits closer than this to the current price (0.5 %): one already through it would trigger at once. */
const MIN_STOP_DISTANCE = 0.005;
/** A crypto stop-limit's limit, this far beyond its stop (2 %), so the stop fills in a fast move. */
const CRYPTO_LIMIT_FRACTION = 0.02;

/** Stay inside Alpaca's limit-price-away band (the simulator refuses beyond 10 %). */
const MAX_LIMIT_AWAY = 0.09;

/** A cancel that fails because the order already ended (422) or is gone (404) needs nothing more: the next tick re-reads. */
async function cancelQuietly(deps: ExecuteDeps, o: Order): Promise<void> {
  try {
    await deps.broker.cancelOrder(o.id);
  } catch (e) {
    const status = isAppError(e) ? e.status : 0;
    if (status !== 422 && status !== 404) deps.log.warn('cancel of an entry remainder before its protective stop failed', { orderId: o.id, error: e });
  }
}

const TERMINAL = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);

/** The protective stop's price for a position: the planned one, kept on the safe side of the market. */
export function protectiveStopPrice(p: Pick<Position, 'side' | 'currentPrice'>, planned: number | null): number {
  const long = p.side === 'long';
  const fallback = p.currentPrice * (long ? 1 - FALLBACK_STOP_FRACTION : 1 + FALLBACK_STOP_FRACTION);
  const wanted = planned ?? fallback;
  const bound = p.currentPrice * (long ? 1 - MIN_STOP_DISTANCE : 1 + MIN_STOP_DISTANCE);
  return long ? Math.min(wanted, bound) : Math.max(wanted, bound);
}

/**
 * A crypto stop-limit's limit: CRYPTO_LIMIT_FRACTION beyond the stop, but never further than
 * MAX_LIMIT_AWAY from the current price (Alpaca's limit-price-away check refuses limits far through the market).
 */
export function cryptoStopLimit(p: Pick<Position, 'side' | 'currentPrice'>, stopPrice: number): number {
  if (p.side === 'long') return Math.min(stopPrice, Math.max(stopPrice * (1 - CRYPTO_LIMIT_FRACTION), p.currentPrice * (1 - MAX_LIMIT_AWAY)));
  return Math.max(stopPrice, Math.min(stopPrice * (1 + CRYPTO_LIMIT_FRACTION), p.currentPrice * (1 + MAX_LIMIT_AWAY)));
}

/**
 * Invariant 7, "never without a broker-side stop": every position in `targets` that the broker shows with
 * no closing order at all (no stop, no working exit, nothing pending cancel) gets a GTC protective stop:
 * a stop for equities, a stop-limit for crypto pairs (Alpaca accepts only stop_limit gtc/ioc for crypto). A
 * GTC stop survives the close, so a position the close-out could not close is protected overnight. A
 * symbol with any closing order is left alone: an exit is in progress, or the stop is there.
 */
export async function ensureStops(
  deps: ExecuteDeps,
  cycleId: number | null,
  fenceToken: number | null,
  strategy: string,
  targets: readonly ProtectTarget[],
  /** The broker's orders and positions read this tick, when nothing was sent since (saves the reads). */
  known?: { orders: readonly Order[]; positions: readonly Position[] },
): Promise<SubmitReport> {
  const empty: SubmitReport = { sent: 0, byStatus: {}, alreadyKnown: 0, results: [] };
  if (targets.length === 0) return empty;
  const now = deps.clock.now();
  const [orders, positions] = known ? [known.orders, known.positions] : await Promise.all([listOpenOrders(deps.broker), deps.broker.getPositions()]);
  const all = orders.flatMap(function tree(o: Order): Order[] { return [o, ...o.legs.flatMap(tree)]; }).filter((o) => !TERMINAL.has(o.status));
  const intents: NewIntent[] = [];
  const audit: AuditEntry[] = [];
  for (const t of targets) {
    const p = positions.find((x) => x.symbol === t.symbol);
    if (!p) continue;
    const closing = p.side === 'long' ? 'sell' : 'buy';
    if (all.some((o) => o.symbol === p.symbol && o.side === closing)) continue;
    // An entry of ours still working on the symbol (the remainder of a partly filled order without bracket
    // legs, as crypto entries are) would make Alpaca refuse the stop as a potential wash trade. Protection
    // comes before adding to the position: cancel the remainder; the stop goes out once it has ended.
    const adding = all.filter((o) => o.symbol === p.symbol && o.side !== closing);
    if (adding.length > 0) {
      const toCancel = adding.filter((o) => o.status !== 'pending_cancel');
      for (const o of toCancel) await cancelQuietly(deps, o);
      if (toCancel.length) audit.push({ at: now, actor: 'exits', action: 'exit.entry_remainder_canceled', subject: p.symbol, reason: `the ${p.side} ${p.qty} ${p.symbol} has no stop while ${toCancel.length} opening order(s) still work: canceled so that its protective stop can be placed (Alpaca refuses a stop against our own working opposite order)` });
      continue;
    }
    const asset = await deps.broker.getAsset(p.symbol);
    if (!asset) continue;
    const stopPrice = roundPriceUsd(protectiveStopPrice(p, t.stopPrice), asset, 'stop_loss', p.side);
    const crypto = p.assetClass === 'crypto';
    // Stops trade whole shares (fractional orders are simple market / limit day orders at Alpaca).
    const qty = crypto ? p.qty : Math.floor(p.qty + 1e-9);
    if (!(qty > 0)) continue;
    const cid = clientOrderId({ strategy, symbol: p.symbol, sourceId: `protect-${p.side}`, bucketStart: timeBucketStart(now, 60_000), purpose: 'stop_loss' });
    const request: OrderRequest = crypto
      ? { clientOrderId: cid, symbol: p.symbol, side: closing, type: 'stop_limit', timeInForce: 'gtc', qty, stopPrice, limitPrice: roundPriceUsd(cryptoStopLimit(p, stopPrice), asset, 'stop_loss', p.side) }
      : { clientOrderId: cid, symbol: p.symbol, side: closing, type: 'stop', timeInForce: 'gtc', qty, stopPrice };
    const why = `no closing order protects the ${p.side} ${p.qty} ${p.symbol}: a GTC ${request.type} at ${stopPrice}${t.stopPrice === null ? ' (no planned stop known)' : ''}`;
    intents.push({ clientOrderId: cid, cycleId, createdAt: now, kind: 'replace_stop', exitReason: 'stop_loss', reason: why, request, risk: { rule: 'protective_stop', inputs: { plannedStop: t.stopPrice, currentPrice: p.currentPrice } } });
    audit.push({ at: now, actor: 'exits', action: 'exit.protective_stop', subject: p.symbol, reason: why });
  }
  if (audit.length) await deps.trading.appendAudit(audit, fenceToken);
  return submitIntents({ broker: deps.broker, store: deps.trading, clock: deps.clock, log: deps.log }, intents, fenceToken);
}
