import type { AssetScope } from './entry-scope.ts';
import { passed, refused, type GateResult } from './decisions.ts';
import { minutesBetween } from './risk-format.ts';

/** Per-symbol entry checks, in order: tradable, session, halt, one position, cooldown, per-news, count, shorts. */
export const SYMBOL_GATES: readonly ((s: AssetScope) => GateResult)[] = [
  assetGate,
  sessionGate,
  symbolHaltGate,
  onePositionGate,
  cooldownGate,
  tradesPerNewsGate,
  openPositionsGate,
  shortabilityGate,
];

/** Refuses assets the broker lists as inactive or not tradable. */
export function assetGate({ asset }: AssetScope): GateResult {
  const inputs = { assetClass: asset.assetClass, status: asset.status, tradable: asset.tradable };
  if (asset.status === 'active' && asset.tradable) return passed('asset', inputs);
  return refused('asset', 'asset_not_tradable', `${asset.symbol} is ${asset.status === 'active' ? 'not tradable' : 'inactive'} at the broker.`, inputs);
}

/**
 * Equity entries only in the regular session and not in its last minutes (crypto trades around the clock,
 * so the session does not apply to it).
 */
export function sessionGate({ asset, ctx, config }: AssetScope): GateResult {
  const { phase, regularCloseAt } = ctx.session;
  const minutesToClose = regularCloseAt === null ? null : minutesBetween(ctx.now, regularCloseAt);
  const inputs = { assetClass: asset.assetClass, phase, regularCloseAt, minutesToClose, noEntryBeforeCloseMinutes: config.noEntryBeforeCloseMinutes };
  if (asset.assetClass === 'crypto') return passed('session', inputs);
  if (phase !== 'regular' || regularCloseAt === null) {
    return refused('session', 'outside_regular_session', `The market is ${phase === 'closed' ? 'closed' : `in its ${phase}-market session`}; equity entries wait for the regular session.`, inputs);
  }
  if (regularCloseAt - ctx.now < config.noEntryBeforeCloseMinutes * 60_000) {
    return refused('session', 'too_close_to_close', `The regular session closes in ${minutesToClose} minutes; no entries in the last ${config.noEntryBeforeCloseMinutes}.`, inputs);
  }
  return passed('session', inputs);
}

/** Refuses a symbol under a trading halt or LULD pause. */
export function symbolHaltGate({ intent, ctx }: AssetScope): GateResult {
  const market = ctx.markets[intent.symbol];
  const halted = market?.halted ?? false;
  const why = market?.haltReason ?? null;
  const inputs = { halted, haltReason: why };
  if (!halted) return passed('symbol_halt', inputs);
  return refused('symbol_halt', 'symbol_halted', `${intent.symbol} is halted: ${why ?? 'trading halt or LULD pause'}.`, inputs);
}

/** One position per symbol: no adding to a position, no second entry while one is pending or approved. */
export function onePositionGate({ intent, ctx, book }: AssetScope): GateResult {
  const held = ctx.positions.find((p) => p.symbol === intent.symbol && p.qty > 0);
  const pending = book.pendingEntrySymbols.has(intent.symbol);
  const approved = book.approvedEntrySymbols.has(intent.symbol);
  const inputs = { heldSide: held?.side ?? null, heldQty: held?.qty ?? 0, entryOrderPending: pending, approvedInBatch: approved };
  if (held) return refused('one_position_per_symbol', 'position_already_open', `A ${held.side} position of ${held.qty} ${intent.symbol} is already open.`, inputs);
  if (pending) return refused('one_position_per_symbol', 'entry_order_pending', `An entry order for ${intent.symbol} is already open at the broker.`, inputs);
  if (approved) return refused('one_position_per_symbol', 'duplicate_entry_in_batch', `Another entry for ${intent.symbol} was approved earlier in this batch.`, inputs);
  return passed('one_position_per_symbol', inputs);
}

/** Refuses a symbol exited less than cooldownAfterExitMinutes ago (an exit in this batch counts as now). */
export function cooldownGate({ intent, ctx, config, book }: AssetScope): GateResult {
  const exits = ctx.recentExits.filter((e) => e.symbol === intent.symbol).map((e) => e.exitedAt);
  if (book.exitedSymbols.has(intent.symbol)) exits.push(ctx.now);
  const lastExitAt = exits.length === 0 ? null : Math.max(...exits);
  const inputs = { lastExitAt, cooldownAfterExitMinutes: config.cooldownAfterExitMinutes };
  if (lastExitAt === null || ctx.now - lastExitAt >= config.cooldownAfterExitMinutes * 60_000) return passed('cooldown', inputs);
  const ago = Math.max(0, minutesBetween(lastExitAt, ctx.now));
  return refused('cooldown', 'symbol_cooldown', `${intent.symbol} was exited ${ago} minutes ago; it cools down for ${config.cooldownAfterExitMinutes}.`, inputs);
}

/** At most maxTradesPerNews entries per catalyst story, counting earlier approvals of this batch. */
export function tradesPerNewsGate({ intent, ctx, config, book }: AssetScope): GateResult {
  if (intent.newsId === null) return passed('trades_per_news', { newsId: null });
  const before = ctx.entriesPerNews[intent.newsId] ?? 0;
  const inBatch = book.newsEntriesAdded.get(intent.newsId) ?? 0;
  const inputs = { newsId: intent.newsId, entriesBefore: before, entriesInBatch: inBatch, maxTradesPerNews: config.maxTradesPerNews };
  if (before + inBatch < config.maxTradesPerNews) return passed('trades_per_news', inputs);
  return refused('trades_per_news', 'news_trade_limit_reached', `Story ${intent.newsId} already has ${before + inBatch} entries (limit ${config.maxTradesPerNews}).`, inputs);
}

/** At most maxOpenPositions symbols held, pending or approved. */
export function openPositionsGate({ config, book }: AssetScope): GateResult {
  const inputs = { openPositions: book.openSymbols.size, maxOpenPositions: config.maxOpenPositions };
  if (book.openSymbols.size < config.maxOpenPositions) return passed('open_positions', inputs);
  return refused('open_positions', 'max_open_positions_reached', `${book.openSymbols.size} positions are open or pending (limit ${config.maxOpenPositions}).`, inputs);
}

/** Shorts only when allowed, on a shortable, easy-to-borrow equity, in an account that may short. */
export function shortabilityGate({ intent, asset, ctx, config }: AssetScope): GateResult {
  const inputs = { side: intent.side, allowShorts: config.allowShorts, accountShortingEnabled: ctx.account.shortingEnabled, shortable: asset.shortable, easyToBorrow: asset.easyToBorrow, assetClass: asset.assetClass };
  if (intent.side === 'long') return passed('shortability', inputs);
  if (!config.allowShorts || !ctx.account.shortingEnabled) {
    return refused('shortability', 'shorting_disabled', `Short entries are disabled (${config.allowShorts ? 'the account may not short' : 'by configuration'}).`, inputs);
  }
  if (asset.assetClass === 'crypto' || !asset.shortable) return refused('shortability', 'not_shortable', `${intent.symbol} cannot be sold short at the broker.`, inputs);
  if (!asset.easyToBorrow) return refused('shortability', 'hard_to_borrow', `${intent.symbol} is hard to borrow; shorts need easy-to-borrow shares.`, inputs);
  return passed('shortability', inputs);
}
