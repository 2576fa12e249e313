import type { Asset } from '../../../domain/market.ts';
import type { SimFeed } from '../sim-feed.ts';
import type { SimBrokerConfig } from './sim-broker-config.ts';
import type { AccountSession } from './state-store.ts';
import type { SessionCursor } from './session-cursor.ts';
import { isTerminal, type SimOrder } from './sim-state.ts';

/** The tradable universe by symbol, crypto pairs also without their slash (Alpaca accepts `BTCUSD` for `BTC/USD`). */
export class AssetIndex {
  private readonly bySymbol = new Map<string, Asset>();

  constructor(readonly all: readonly Asset[]) {
    for (const a of all) {
      this.bySymbol.set(a.symbol, a);
      if (a.symbol.includes('/')) this.bySymbol.set(a.symbol.replace('/', ''), a);
    }
  }

  /** The asset for a symbol as a client may spell it, or null. */
  get(symbol: string): Asset | null {
    return this.bySymbol.get(symbol.toUpperCase()) ?? null;
  }
}

/** What the engine works with during one call. */
export interface EngineContext {
  readonly session: AccountSession;
  readonly config: SimBrokerConfig;
  readonly assets: AssetIndex;
  readonly feed: SimFeed;
  /** Working orders by symbol while bars are being matched (null outside the matching loop). */
  book: Map<string, SimOrder[]> | null;
  /** Earliest pending order event (activation or deadline) known since the last scan. */
  nextEvent: number;
  /** Session phases of bar times (kept by the broker across calls: it remembers the current phase window). */
  readonly cursor: SessionCursor;
}

/** When an order next changes without a bar: an accepted order goes live, a working order reaches its deadline. */
export function eventTimeOf(o: SimOrder): number {
  if (o.status === 'accepted') return o.activeFrom;
  if (o.status === 'held' || o.deadline === null) return Number.POSITIVE_INFINITY;
  return o.deadline;
}

/** True when the matching loop should look at the order (not ended, not a held leg). */
export function isWorking(o: SimOrder): boolean {
  return !isTerminal(o.status) && o.status !== 'held';
}

/** Saves an order with the call and keeps the book and the next event time in step with it. */
export function commit(ctx: EngineContext, o: SimOrder): void {
  ctx.session.save(o);
  if (!isTerminal(o.status)) ctx.nextEvent = Math.min(ctx.nextEvent, eventTimeOf(o));
  const book = ctx.book;
  if (book === null) return;
  const list = book.get(o.symbol);
  const at = list ? list.indexOf(o) : -1;
  if (isWorking(o)) {
    if (at >= 0) return;
    if (list) list.push(o);
    else book.set(o.symbol, [o]);
  } else if (at >= 0) {
    list!.splice(at, 1);
  }
}

/** The book of working orders by symbol, in creation order. */
export function buildBook(open: Iterable<SimOrder>): Map<string, SimOrder[]> {
  const book = new Map<string, SimOrder[]>();
  for (const o of open) {
    if (!isWorking(o)) continue;
    const list = book.get(o.symbol);
    if (list) list.push(o);
    else book.set(o.symbol, [o]);
  }
  return book;
}

/** Open legs of a parent order. */
export function openLegsOf(ctx: EngineContext, parentId: string): SimOrder[] {
  const out: SimOrder[] = [];
  for (const o of ctx.session.open.values()) if (o.parentId === parentId) out.push(o);
  return out;
}
