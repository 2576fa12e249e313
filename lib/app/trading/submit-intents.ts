import type { Broker } from '../../ports/broker.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { IntentRecord, IntentStatus, NewIntent, TradingStore } from '../../ports/trading-store.port.ts';
import type { RejectionReason, SubmitOutcome } from '../../domain/orders.ts';

const REASONS = new Set<string>(['insufficient_buying_power', 'insufficient_qty', 'wash_trade', 'equity_ratio', 'price_away', 'invalid_price', 'not_tradable', 'invalid_request', 'market_closed', 'forbidden']);
import type { Logger } from '../../platform/logger.ts';
import { isAppError } from '../../shared/errors.ts';

export interface SubmitDeps {
  broker: Broker;
  store: TradingStore;
  clock: Clock;
  log: Logger;
}

export interface SubmitReport {
  sent: number;
  byStatus: Partial<Record<IntentStatus, number>>;
  /** Intents that already existed or that a concurrent run claimed: left to reconcile, never sent again. */
  alreadyKnown: number;
  results: { intent: IntentRecord; status: IntentStatus }[];
}

async function send(broker: Broker, intent: IntentRecord): Promise<SubmitOutcome> {
  try {
    if (intent.kind === 'replace_stop' && intent.replacesOrderId) {
      const order = await broker.replaceOrder(intent.replacesOrderId, { stopPrice: intent.request.stopPrice, clientOrderId: intent.clientOrderId });
      return { status: 'accepted', order };
    }
    return await broker.submitOrder(intent.request);
  } catch (e) {
    // The adapter already resolved ambiguity where it could; anything thrown here leaves the intent to reconcile.
    const code = isAppError(e) ? e.code : 'INTERNAL';
    if (isAppError(e) && (e.status === 403 || e.status === 422 || e.code === 'BROKER_REJECTED')) {
      // A refusal keeps its name when the adapter gave one (insufficient qty, wash trade...): never retried.
      const named = (e.details as { reason?: unknown } | undefined)?.reason;
      const reason: RejectionReason = typeof named === 'string' && REASONS.has(named) ? (named as RejectionReason) : 'invalid_request';
      return { status: 'rejected', reason, message: e.message, httpStatus: e.status };
    }
    return { status: 'unresolved', message: `${code}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The order path, exactly once: every intent is stored under its deterministic client order id BEFORE it
 * is sent; an intent that already existed is never sent again (reconcile settles it by looking it up); an
 * intent is claimed ("submitting") before the call, so a crash after that point is resolved by lookup and
 * of concurrent runs of one cycle only the one that claimed an intent sends it.
 */
export async function submitIntents(deps: SubmitDeps, intents: readonly NewIntent[], fenceToken: number | null): Promise<SubmitReport> {
  const records = await deps.store.saveIntents(intents, fenceToken);
  const mine = new Set(intents.map((i) => i.clientOrderId));
  const pending = records.filter((r) => mine.has(r.clientOrderId) && r.status === 'pending');
  // Another run of the same cycle may hold the same pending intents: send only those this run claimed.
  const claimed = new Set(await deps.store.markSubmitting(pending.map((r) => r.id), deps.clock.now(), fenceToken));
  const fresh = pending.filter((r) => claimed.has(r.id));
  const alreadyKnown = records.length - fresh.length;
  const results: SubmitReport['results'] = [];
  const byStatus: SubmitReport['byStatus'] = {};
  for (const intent of fresh) {
    const outcome = await send(deps.broker, intent);
    const status = await deps.store.recordOutcome(intent.id, outcome, deps.clock.now(), fenceToken);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    results.push({ intent, status });
    if (outcome.status === 'rejected') {
      deps.log.info('order rejected by the broker', { clientOrderId: intent.clientOrderId, symbol: intent.request.symbol, reason: outcome.reason, message: outcome.message });
    } else if (outcome.status === 'unresolved') {
      deps.log.warn('order outcome unknown; reconcile will look it up', { clientOrderId: intent.clientOrderId, message: outcome.message });
    }
  }
  return { sent: fresh.length, byStatus, alreadyKnown, results };
}
