import type { EntryIntent } from './risk-context.ts';
import type { EntryScope } from './entry-scope.ts';
import { passed, refused, type GateResult } from './decisions.ts';
import { allowsEntries } from './trading-state.ts';
import { dailyLossLimitReached, drawdownLimitReached } from './risk-readings.ts';
import { pct, usd } from './risk-format.ts';

/** Account-level entry checks, in order: a malformed intent, the account, the trading state, the loss limits. */
export const ACCOUNT_GATES: readonly ((s: EntryScope) => GateResult)[] = [intentGate, accountGate, tradingStateGate, dailyLossGate, drawdownGate];

const positiveFinite = (x: number | null) => x === null || (Number.isFinite(x) && x > 0);

/** Refuses an intent whose numbers cannot be sized (corrupt data is worse than no data). */
export function intentGate({ intent }: EntryScope): GateResult {
  const inputs = { atrUsd: intent.atrUsd, limitPriceUsd: intent.limitPriceUsd, side: intent.side };
  if (!positiveFinite(intent.atrUsd) || !positiveFinite(intent.limitPriceUsd) || !isSide(intent)) {
    return refused('intent', 'invalid_intent', `The ${intent.symbol} entry has an unusable ATR, limit price or side.`, inputs);
  }
  return passed('intent', inputs);
}

function isSide(intent: EntryIntent): boolean {
  return intent.side === 'long' || intent.side === 'short';
}

/** Refuses entries while the broker blocks the account, equity is not positive, or an open order cannot be valued. */
export function accountGate({ ctx, book }: EntryScope): GateResult {
  const a = ctx.account;
  const inputs = { tradingBlocked: a.tradingBlocked, accountBlocked: a.accountBlocked, equityUsd: a.equity, unpricedOpenOrders: book.unpricedOrderIds.join(',') || null };
  if (a.tradingBlocked || a.accountBlocked) return refused('account', 'account_blocked', 'The broker reports the account as blocked for trading.', inputs);
  if (!(a.equity > 0)) return refused('account', 'equity_not_positive', `Account equity is ${usd(a.equity)}; nothing can be sized from it.`, inputs);
  if (book.unpricedOrderIds.length > 0) {
    return refused('account', 'market_data_missing', `Open entry orders ${book.unpricedOrderIds.join(', ')} have no price and no quote, so exposure cannot be counted.`, inputs);
  }
  return passed('account', inputs);
}

/** Refuses entries unless the trading state is ACTIVE. */
export function tradingStateGate({ ctx }: EntryScope): GateResult {
  const s = ctx.tradingStatus;
  const inputs = { state: s.state, cause: s.cause, until: s.until };
  if (allowsEntries(s.state)) return passed('trading_state', inputs);
  const reason = s.state === 'HALTED' ? 'trading_halted' : 'trading_reducing';
  return refused('trading_state', reason, `Trading is ${s.state} (${s.cause.replace(/_/g, ' ')}): no new entries. ${s.message}`, inputs);
}

/** Refuses entries once today's loss has reached the daily limit, whatever the stored state says. */
export function dailyLossGate({ readings: r }: EntryScope): GateResult {
  const inputs = { dailyPnlUsd: r.dailyPnlUsd, dailyLossUsd: r.dailyLossUsd, dailyLossLimitUsd: r.dailyLossLimitUsd, startOfDayEquityUsd: r.startOfDayEquityUsd };
  if (!dailyLossLimitReached(r)) return passed('daily_loss', inputs);
  return refused('daily_loss', 'daily_loss_limit_reached', `Today's loss of ${usd(r.dailyLossUsd)} has reached the daily limit of ${usd(r.dailyLossLimitUsd)}.`, inputs);
}

/** Refuses entries once equity has fallen from its high-water mark by the drawdown limit. */
export function drawdownGate({ readings: r }: EntryScope): GateResult {
  const inputs = { equityUsd: r.equityUsd, highWaterMarkUsd: r.highWaterMarkUsd, drawdownPct: r.drawdownPct, drawdownLimitUsd: r.drawdownLimitUsd };
  if (!drawdownLimitReached(r)) return passed('drawdown', inputs);
  return refused('drawdown', 'drawdown_limit_reached', `Equity is ${pct(r.drawdownPct)} below its high-water mark of ${usd(r.highWaterMarkUsd)}, at or past the drawdown limit.`, inputs);
}
