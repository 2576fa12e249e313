import type { Order, Position } from '../../domain/orders.ts';
import type { AssetClass } from '../../domain/market.ts';
import type { ExitIntent } from '../../risk/risk-context.ts';
import type { EntryPlan as RulesPlan, LatestSignal } from '../../risk/exit-rules-types.ts';
import type { AuditEntry, NewIntent, OpenPositionView } from '../../ports/trading-store.port.ts';
import { positionActions } from '../../risk/exit-rules.ts';
import { evaluate } from '../../risk/evaluate.ts';
import { clientOrderId, timeBucketStart } from '../../domain/client-order-id.ts';
import { roundPriceUsd } from '../../domain/increments.ts';
import { gatherRiskContext } from './risk-context.ts';
import { submitIntents } from './submit-intents.ts';
import { closeOut, type CloseTarget } from './close-out.ts';
import { ensureStops, type ProtectTarget } from './protect.ts';
import { recentMinuteBars } from '../analyze/recent-bars.ts';
import type { ExecuteConfig, ExecuteDeps, ExecuteReport } from './execute-entries.ts';

const MINUTE = 60_000;
/** A deferred close is carried on for this long (cancels take seconds; a stuck one is left to an operator). */
const CONTINUE_CLOSES_MS = 15 * MINUTE;

/** The open stop order protecting a position (a bracket's stop leg or a standalone stop), if any. */
export function protectiveStop(orders: readonly Order[], symbol: string, side: 'long' | 'short'): Order | null {
  const closing = side === 'long' ? 'sell' : 'buy';
  const all = orders.flatMap((o) => [o, ...o.legs]);
  return all.find((o) => o.symbol === symbol && o.side === closing && (o.type === 'stop' || o.type === 'stop_limit') && !['filled', 'canceled', 'expired', 'replaced', 'rejected'].includes(o.status)) ?? null;
}

const LIVE = (o: Order) => !['filled', 'canceled', 'expired', 'replaced', 'rejected'].includes(o.status);

/**
 * What an exit cancels before it closes at market: the position's resting orders (the bracket's
 * take-profit and stop, which hold the quantity) and what is left of its entry (an opposite order would be
 * refused as a wash trade), but not a market exit of ours still working: a thin book fills it over several
 * minutes, and it is not cancelled and sent again.
 */
export function ordersAnExitReplaces(orders: readonly Order[], symbol: string, side: 'long' | 'short'): Order[] {
  const closing = side === 'long' ? 'sell' : 'buy';
  return orders.flatMap((o) => [o, ...o.legs]).filter((o) => o.symbol === symbol && LIVE(o) && !(o.type === 'market' && o.side === closing));
}

function rulesPlan(p: OpenPositionView, stop: Order | null): RulesPlan | null {
  if (!p.plan) return null;
  return {
    symbol: p.symbol,
    assetClass: p.assetClass,
    side: p.side,
    qty: p.qty,
    entryPriceUsd: p.avgEntryPrice,
    initialStopUsd: p.plan.stopPrice,
    currentStopUsd: stop?.stopPrice ?? p.plan.stopPrice,
    takeProfitUsd: p.plan.takeProfitPrice ?? p.avgEntryPrice,
    enteredAt: p.openedAt,
  };
}

/**
 * Exit management, every tick in the session: for each position Catalyst opened, the exit rules decide
 * (stop or target reached, trail the stop once up one R, flatten before the close, a reversal signal, the
 * time exit). A trail replaces the stop order; an exit cancels the position's open orders and closes it at
 * market. Every action is an intent with its named reason, sent once. With `assetClass`, only that
 * market's positions (the crypto cycle manages the pairs around the clock).
 */
export async function manageExits(deps: ExecuteDeps, cycleId: number | null, fenceToken: number | null, config: ExecuteConfig, assetClass?: AssetClass): Promise<ExecuteReport> {
  const inScope = (await deps.trading.openPositions()).filter((p) => assetClass === undefined || p.assetClass === assetClass);
  const mine = inScope.filter((p) => !p.adopted);
  // Closes decided earlier (an operator's, the dead man's switch, an exit) whose cancels were pending: carried on until done.
  const continuing = (await deps.trading.deferredCloses(deps.clock.now() - CONTINUE_CLOSES_MS))
    .filter((c) => inScope.some((p) => p.symbol === c.symbol && p.side === c.side))
    // A close carried on again keeps one "(continued)", however many ticks its cancels took.
    .map((c): CloseTarget => ({ symbol: c.symbol, side: c.side, exitReason: c.exitReason, kind: c.kind, reason: c.reason.endsWith(' (continued)') ? c.reason : `${c.reason} (continued)` }));
  const positions = mine.filter((p) => p.plan !== null);
  // Ours but without a plan: a side flip or a new entry reconcile could not tie to its plan. Never managed with another position's plan.
  const unplanned = mine.filter((p) => p.plan === null);
  if (positions.length === 0 && unplanned.length === 0 && continuing.length === 0) return { intents: 0, sent: 0, denied: 0, byStatus: {}, denials: [] };
  const protect = mine.map((p) => ({ symbol: p.symbol, stopPrice: p.plan?.stopPrice ?? null }));
  if (positions.length === 0) return finish(deps, cycleId, fenceToken, config, merge(continuing, unplannedTargets(unplanned)), [], [], deps.clock.now(), protect);
  const symbols = positions.map((p) => p.symbol);
  const { ctx, orders, positions: held } = await gatherRiskContext(deps, symbols, config.risk, fenceToken);
  const now = ctx.now;
  const [bars, signals] = await Promise.all([recentMinuteBars(deps.marketData, symbols, now), deps.analysis.latestSignals(symbols, now - config.exits.maxSignalAgeMinutes * MINUTE)]);
  const bucketStart = timeBucketStart(now, MINUTE);
  const exits: { intent: ExitIntent; position: OpenPositionView; message: string; inputs: Record<string, unknown> }[] = [];
  const replaces: NewIntent[] = [];
  for (const p of positions) {
    const stop = protectiveStop(orders, p.symbol, p.side);
    const plan = rulesPlan(p, stop);
    if (!plan) continue;
    const s = signals.get(p.symbol);
    const signal: LatestSignal | null = s ? { signalId: String(s.id), direction: s.direction === 'none' ? 'flat' : s.direction, score: s.score, at: s.at } : null;
    const actions = positionActions({ plan, bars: (bars.get(p.symbol) ?? []).filter((b: { t: number }) => b.t >= p.openedAt), quote: ctx.markets[p.symbol]?.quote ?? null, signal, now }, config.exits);
    for (const a of actions) {
      if (a.kind === 'exit') {
        const replacesClientOrderIds = ordersAnExitReplaces(orders, p.symbol, p.side).map((o) => o.clientOrderId);
        exits.push({ intent: { kind: 'exit', intentId: `${p.symbol}:${a.reason}`, symbol: p.symbol, qty: 'all', exitReason: a.reason, replacesClientOrderIds }, position: p, message: a.message, inputs: a.inputs });
      } else if (a.kind === 'replace_stop' && stop) {
        const asset = ctx.assets[p.symbol];
        const newStop = asset ? roundPriceUsd(a.newStopUsd, asset, 'stop_loss', p.side) : a.newStopUsd;
        const cid = clientOrderId({ strategy: config.strategy, symbol: p.symbol, sourceId: `pos${p.entryIntentId ?? 0}`, bucketStart, purpose: 'replace_stop' });
        replaces.push({
          clientOrderId: cid, cycleId, createdAt: now, kind: 'replace_stop', reason: a.message, exitReason: 'trailing_stop', replacesOrderId: stop.id,
          request: { clientOrderId: cid, symbol: p.symbol, side: stop.side, type: stop.type, timeInForce: stop.timeInForce, qty: stop.qty ?? p.qty, stopPrice: newStop },
          risk: { rule: 'trailing_stop', inputs: a.inputs },
        });
      }
    }
  }
  const decisions = evaluate(exits.map((e) => e.intent), ctx, config.risk);
  const audit: AuditEntry[] = [];
  const targets: CloseTarget[] = [];
  for (const [i, d] of decisions.entries()) {
    const e = exits[i]!;
    if (!d.approved || d.kind !== 'exit') {
      audit.push({ at: now, actor: 'risk', action: 'risk.exit_denied', subject: e.position.symbol, reason: d.approved ? 'unexpected entry decision' : d.message, data: {} });
      continue;
    }
    targets.push({ symbol: e.position.symbol, side: e.position.side, exitReason: d.exitReason, kind: 'exit', reason: e.message, risk: { inputs: e.inputs, checks: d.checks } });
  }
  targets.push(...unplannedTargets(unplanned));
  return finish(deps, cycleId, fenceToken, config, merge(continuing, targets), replaces, audit, now, protect, { orders, positions: held });
}

/** One target per symbol: a close carried on from an earlier tick keeps its own reason. */
function merge(first: readonly CloseTarget[], then: readonly CloseTarget[]): CloseTarget[] {
  const seen = new Set(first.map((t) => t.symbol));
  return [...first, ...then.filter((t) => !seen.has(t.symbol))];
}

function unplannedTargets(unplanned: readonly OpenPositionView[]): CloseTarget[] {
  return unplanned.map((p) => ({ symbol: p.symbol, side: p.side, exitReason: 'unplanned' as const, kind: 'exit' as const, reason: `Close ${p.side} ${p.symbol}: a position of ours without a plan (a new side or entry) is closed at once` }));
}

/** Sends the closes and the stop trails (none for a position being closed), then makes sure every position still open has a stop. */
async function finish(
  deps: ExecuteDeps,
  cycleId: number | null,
  fenceToken: number | null,
  config: ExecuteConfig,
  targets: CloseTarget[],
  replaces: NewIntent[],
  audit: AuditEntry[],
  now: number,
  protect: ProtectTarget[],
  read?: { orders: readonly Order[]; positions: readonly Position[] },
): Promise<ExecuteReport> {
  if (audit.length) await deps.trading.appendAudit(audit, fenceToken);
  const closingSymbols = new Set(targets.map((t) => t.symbol));
  const closed = await closeOut(deps, cycleId, fenceToken, config.strategy, targets);
  const report = await submitIntents({ broker: deps.broker, store: deps.trading, clock: deps.clock, log: deps.log }, replaces.filter((r) => !closingSymbols.has(r.request.symbol)), fenceToken);
  // An exit refused by name (insufficient qty, wash trade, equity ratio...) must not leave the position bare.
  // Nothing sent or canceled this tick: what was read at its start still holds, no second read.
  const quiet = targets.length === 0 && report.results.length === 0;
  const stops = await ensureStops(deps, cycleId, fenceToken, config.strategy, protect, quiet ? read : undefined);
  for (const c of closed.intents) await deps.notifier.notify({ kind: 'exit', title: `Exit ${c.request.symbol}: ${c.exitReason}`, text: c.reason, at: now });
  const byStatus: Record<string, number> = {};
  for (const part of [closed.submit.byStatus, report.byStatus, stops.byStatus]) for (const [k, v] of Object.entries(part)) byStatus[k] = (byStatus[k] ?? 0) + (v ?? 0);
  return { intents: closed.intents.length + replaces.length + stops.results.length, sent: closed.submit.sent + report.sent + stops.sent, denied: audit.length, byStatus, denials: [] };
}
