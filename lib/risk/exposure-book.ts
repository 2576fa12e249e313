import type { RiskContext, RiskOpenOrder, SymbolMarket } from './risk-context.ts';
import { SHORT_BUYING_POWER_MARKUP } from './risk-config.ts';
import { entryRiskToStop, positionRiskToStop } from './open-risk.ts';

/**
 * The book as the gate counts it: open positions, open entry orders (they become positions when they fill),
 * and the intents approved earlier in the same batch. Every limit is checked against this running total,
 * so no approved set can breach a limit that each approval alone respects.
 */
export interface ExposureBook {
  /** Symbols held, with an open entry order, or approved in this batch. */
  readonly openSymbols: Set<string>;
  readonly pendingEntrySymbols: Set<string>;
  readonly approvedEntrySymbols: Set<string>;
  /** Long plus short value of positions, open entries and approvals, in USD. */
  grossUsd: number;
  /** Buying power reserved by open entry orders and approvals. */
  buyingPowerHeldUsd: number;
  /** Cash reserved by crypto entries (crypto is not marginable). */
  cashHeldUsd: number;
  /** Risk to the stop of open positions, working entry orders and approvals, in USD. */
  committedRiskUsd: number;
  /** Open positions and entry orders whose loss no stop bounds: each counts a whole trade's risk budget. */
  unboundedRiskCount: number;
  /** Entries approved in this batch per catalyst story. */
  readonly newsEntriesAdded: Map<string, number>;
  /** Symbols exited in this batch: they cool down from now. */
  readonly exitedSymbols: Set<string>;
  /** Exit quantity approved in this batch per symbol. */
  readonly exitQtyAdded: Map<string, number>;
  /** Open orders that could not be valued (no price and no quote): the gate refuses entries until they can. */
  readonly unpricedOrderIds: string[];
}

/** Valuation of an order of `qty` at `priceUsd`: its gross value and the buying power the broker reserves. */
export function orderCostUsd(side: 'buy' | 'sell', qty: number, priceUsd: number, market: SymbolMarket | undefined): { grossUsd: number; buyingPowerUsd: number } {
  const grossUsd = qty * priceUsd;
  if (side === 'buy') return { grossUsd, buyingPowerUsd: grossUsd };
  const ask = market?.quote?.askPrice ?? 0;
  return { grossUsd, buyingPowerUsd: qty * Math.max(priceUsd, ask * SHORT_BUYING_POWER_MARKUP) };
}

function openOrderPrice(order: RiskOpenOrder, market: SymbolMarket | undefined): number | null {
  if (order.priceUsd !== null && order.priceUsd > 0) return order.priceUsd;
  const touch = order.side === 'buy' ? market?.quote?.askPrice : market?.quote?.bidPrice;
  return touch !== undefined && touch > 0 ? touch : null;
}

/** Builds the book from the context (before any intent of the batch is applied). */
export function createExposureBook(ctx: RiskContext): ExposureBook {
  const book: ExposureBook = {
    openSymbols: new Set(),
    pendingEntrySymbols: new Set(),
    approvedEntrySymbols: new Set(),
    grossUsd: 0,
    buyingPowerHeldUsd: 0,
    cashHeldUsd: 0,
    committedRiskUsd: 0,
    unboundedRiskCount: 0,
    newsEntriesAdded: new Map(),
    exitedSymbols: new Set(),
    exitQtyAdded: new Map(),
    unpricedOrderIds: [],
  };
  for (const p of ctx.positions) {
    if (p.qty <= 0) continue;
    book.openSymbols.add(p.symbol);
    book.grossUsd += Math.abs(p.marketValue);
    addRisk(book, positionRiskToStop(p, ctx.openOrders));
  }
  for (const order of ctx.openOrders) {
    if (order.purpose !== 'entry' || !(order.remainingQty > 0 || (order.remainingNotionalUsd ?? 0) > 0)) continue;
    book.openSymbols.add(order.symbol);
    book.pendingEntrySymbols.add(order.symbol);
    const market = ctx.markets[order.symbol];
    const price = openOrderPrice(order, market);
    addRisk(book, entryRiskToStop(order, price));
    const notionalUsd = order.remainingNotionalUsd ?? 0;
    if (notionalUsd > 0) {
      addHold(book, order.symbol, ctx, { grossUsd: notionalUsd, buyingPowerUsd: notionalUsd });
    } else if (price === null) {
      book.unpricedOrderIds.push(order.clientOrderId);
    } else {
      addHold(book, order.symbol, ctx, orderCostUsd(order.side, order.remainingQty, price, market));
    }
  }
  return book;
}

function addRisk(book: ExposureBook, risk: { riskUsd: number; unbounded: boolean }): void {
  book.committedRiskUsd += risk.riskUsd;
  if (risk.unbounded) book.unboundedRiskCount += 1;
}

function addHold(book: ExposureBook, symbol: string, ctx: RiskContext, cost: { grossUsd: number; buyingPowerUsd: number }): void {
  book.grossUsd += cost.grossUsd;
  book.buyingPowerHeldUsd += cost.buyingPowerUsd;
  if (ctx.assets[symbol]?.assetClass === 'crypto') book.cashHeldUsd += cost.buyingPowerUsd;
}

/** Adds an approved entry to the book. */
export function recordEntry(
  book: ExposureBook,
  entry: { symbol: string; newsId: string | null; grossUsd: number; buyingPowerUsd: number; riskUsd: number; crypto: boolean },
): void {
  book.openSymbols.add(entry.symbol);
  book.approvedEntrySymbols.add(entry.symbol);
  book.grossUsd += entry.grossUsd;
  book.buyingPowerHeldUsd += entry.buyingPowerUsd;
  if (entry.crypto) book.cashHeldUsd += entry.buyingPowerUsd;
  book.committedRiskUsd += entry.riskUsd;
  if (entry.newsId !== null) book.newsEntriesAdded.set(entry.newsId, (book.newsEntriesAdded.get(entry.newsId) ?? 0) + 1);
}

/** Adds an approved exit to the book. Exits free nothing until they fill: the broker frees buying power on fills. */
export function recordExit(book: ExposureBook, symbol: string, qty: number): void {
  book.exitedSymbols.add(symbol);
  book.exitQtyAdded.set(symbol, (book.exitQtyAdded.get(symbol) ?? 0) + qty);
}
