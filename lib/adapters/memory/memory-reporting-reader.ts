import type { EpochMs, IsoDate } from '../../domain/time.ts';
import type { ClosedTrade, EquityPoint } from '../../domain/performance.ts';
import type { AccountView, MetricsRow, ReportingReader, TradingStateView } from '../../ports/reporting-reader.port.ts';
import { tradeFees } from '../../domain/fees.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { fromJsonb, instant } from './memory-json.ts';
import { closedSince, firstAtLeast, UNSETTLED, type MemoryTradingTables, type TradeRow } from './memory-trading-tables.ts';
import { stateMeta } from './memory-trading-state.ts';
import { ReportingSourcesReader, type ReportingSources } from './memory-reporting-sources.ts';
import { tradeAuditOf } from './memory-reporting-audit.ts';

/**
 * New York dates of instants read mostly in time order: the date is worked out once per day, not per point (a
 * backtest's daily report reads a point per tick of the day, each a date split without this).
 */
export class DayOf {
  private date = '';
  private start = Infinity;
  private end = -Infinity;

  of(t: EpochMs): IsoDate {
    if (!(t >= this.start && t < this.end)) {
      this.date = newYorkDate(t);
      this.start = newYorkTime(this.date, '00:00');
      this.end = newYorkTime(addDays(this.date, 1), '00:00');
    }
    return this.date;
  }
}

const LEG = (parentId: string | null, type: string | undefined) => (parentId ? (type === 'limit' ? 'take_profit' : 'stop_loss') : null);
const bySymbol = (a: { symbol: string }, b: { symbol: string }) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);

/**
 * The dashboard's read-only queries over an in-memory world: the same rows, order, limits and paging as
 * postgres/reporting.repo.ts. Trading rows come from the trading tables; candidates, news and cycles through
 * the other stores' ports.
 */
export class MemoryReportingReader implements ReportingReader {
  private readonly sources: ReportingSourcesReader;
  constructor(private readonly t: MemoryTradingTables, sources: ReportingSources) {
    this.sources = new ReportingSourcesReader(sources);
  }

  async tradingState(): Promise<TradingStateView & { cause: string | null }> {
    const r = this.t.tradingState;
    const meta = stateMeta(r.reason);
    return { state: r.state, reason: meta.message ?? '', cause: meta.cause ?? null, changedBy: r.changedBy, changedAt: r.changedAt, until: r.until };
  }

  async latestAccount(): Promise<AccountView | null> {
    const r = this.t.accounts.last();
    return r ? { at: r.at, equity: r.equity, cash: r.cash, buyingPower: r.buyingPower, lastEquity: r.lastEquity, longMarketValue: r.longMarketValue, shortMarketValue: r.shortMarketValue } : null;
  }

  async positions() {
    const open = this.openTradesBySymbol();
    return [...this.t.positions.values()].sort(bySymbol).flatMap((p) => {
      const entry = p.entryIntentId === null ? undefined : this.t.intents.get(p.entryIntentId);
      const trades = open.get(p.symbol) ?? [null];
      return trades.map((trade) => ({
        symbol: p.symbol, side: p.side, qty: p.qty, avgEntryPrice: p.avgEntryPrice, currentPrice: p.currentPrice, unrealizedPl: p.unrealizedPl,
        openedAt: p.openedAt, plan: p.plan === null ? null : fromJsonb(p.plan), adopted: p.adopted, entryReason: entry?.reason ?? null, tradeId: trade?.id ?? null,
      }));
    });
  }

  async orders(filter: { status?: string; symbol?: string; limit: number }) {
    const rows = [...this.t.orders.values()].filter((o) => (filter.status === undefined || o.status === filter.status) && (filter.symbol === undefined || o.symbol === filter.symbol));
    return rows.sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq).slice(0, limit(filter.limit)).map((o) => {
      const i = o.intentId === null ? undefined : this.t.intents.get(o.intentId);
      return {
        id: o.id, clientOrderId: o.clientOrderId, parentId: o.parentId, symbol: o.symbol, side: o.side, type: o.type, timeInForce: o.timeInForce, orderClass: o.orderClass,
        status: o.status, qty: o.qty, filledQty: o.filledQty, filledAvgPrice: o.filledAvgPrice, limitPrice: o.limitPrice, stopPrice: o.stopPrice, createdAt: o.createdAt,
        updatedAt: o.updatedAt, adopted: o.adopted, intentKind: i?.kind ?? null, intentReason: i?.reason ?? null,
      };
    });
  }

  async trades(f: { symbol?: string; from?: EpochMs; to?: EpochMs; status?: 'open' | 'closed' | 'all'; exitReason?: string; beforeId?: number; limit: number }) {
    const status = f.status ?? 'all';
    const from = f.from === undefined ? undefined : instant(f.from);
    const to = f.to === undefined ? undefined : instant(f.to);
    const want = limit(f.limit) + 1;
    const ids = [...this.t.trades.keys()];
    const rows: TradeRow[] = [];
    for (let n = ids.length - 1; n >= 0 && rows.length < want; n--) {
      const r = this.t.trades.get(ids[n]!)!;
      if (f.beforeId !== undefined && r.id >= f.beforeId) continue;
      if (f.symbol !== undefined && r.symbol !== f.symbol) continue;
      if ((from !== undefined && r.entryAt < from) || (to !== undefined && r.entryAt >= to)) continue;
      if ((status === 'open' && r.exitAt !== null) || (status === 'closed' && r.exitAt === null) || (status !== 'all' && status !== 'open' && status !== 'closed')) continue;
      if (f.exitReason !== undefined && r.exitReason !== f.exitReason) continue;
      rows.push(r);
    }
    const page = rows.slice(0, f.limit).map((r) => ({
      id: r.id, symbol: r.symbol, side: r.side, qty: r.maxQty, entryAt: r.entryAt, entryPrice: r.entryPrice, exitAt: r.exitAt, exitPrice: r.exitPrice,
      openQty: r.openQty, pnlUsd: r.pnlUsd, rMultiple: r.rMultiple, exitReason: r.exitReason, adopted: r.adopted, imported: r.importedFrom !== null,
    }));
    return { trades: page, nextBeforeId: rows.length > f.limit ? page.at(-1)!.id : null };
  }

  async closedTrades(from: EpochMs): Promise<ClosedTrade[]> {
    const out: ClosedTrade[] = [];
    for (const r of closedSince(this.t, instant(from))) {
      out.push({
        exitAt: r.exitAt!,
        exitDate: newYorkDate(r.exitAt!),
        pnlUsd: r.pnlUsd ?? 0,
        rMultiple: r.rMultiple,
        feesUsd: tradeFees({ symbol: r.symbol, side: r.side, entryPrice: r.entryPrice, entryQty: r.entryQty || r.exitQty, exitPrice: r.exitPrice ?? r.entryPrice, exitQty: r.exitQty }),
      });
    }
    return out;
  }

  async equity(from: EpochMs, maxPoints: number): Promise<EquityPoint[]> {
    const list = this.t.accounts;
    const start = list.firstAtLeast(instant(from));
    const total = list.length - start;
    if (total === 0) return [];
    if (maxPoints === 0) throw new Error('division by zero');
    const step = Math.ceil(total / maxPoints);
    const out: EquityPoint[] = [];
    const day = new DayOf();
    for (let n = 1; n <= total; n++) {
      if (total <= maxPoints || n % step === 0 || n === total) {
        const at = list.atOf(start + n - 1);
        out.push({ at, date: day.of(at), equity: list.equityOf(start + n - 1) });
      }
    }
    return out;
  }

  latestCycleWithCandidates(): Promise<number | null> {
    return this.sources.latestCycleWithCandidates();
  }
  candidates(cycleId: number): Promise<unknown[]> {
    return this.sources.candidates(cycleId);
  }
  news(filter: { symbol?: string; knownAt: EpochMs; limit: number }): Promise<unknown[]> {
    return this.sources.news(filter);
  }
  cycles(limit: number) {
    return this.sources.cycles(limit);
  }

  async fills(symbol: string, from: EpochMs, to: EpochMs) {
    const list = this.t.fillsBySymbol.get(symbol) ?? [];
    const end = instant(to);
    const out = [];
    for (let n = firstAtLeast(list, instant(from), (r) => r.at); n < list.length && list[n]!.at < end; n++) {
      const f = list[n]!;
      const o = this.t.orders.get(f.orderId);
      const i = o?.intentId === null || o === undefined ? undefined : this.t.intents.get(o.intentId);
      const leg = LEG(o?.parentId ?? null, o?.type);
      out.push({ id: f.id, at: f.at, side: f.side, qty: f.qty, price: f.price, kind: leg ? 'exit' : (i?.kind ?? 'external'), exitReason: i?.exitReason ?? leg });
    }
    return out;
  }

  tradeAudit(tradeId: number): Promise<unknown | null> {
    return tradeAuditOf(this.t, this.sources, tradeId);
  }

  async metrics(): Promise<MetricsRow> {
    const t = this.t;
    let realized = 0;
    let closed = 0;
    for (const r of t.trades.values()) {
      if (r.exitAt === null) continue;
      closed++;
      realized += r.pnlUsd ?? 0;
    }
    let unsettled = 0;
    for (const id of t.unsettled) if (UNSETTLED.has(t.intents.get(id)!.status)) unsettled++;
    const c = await this.sources.cycleCounts();
    return {
      open_positions: t.positions.size, closed_trades: closed, realized_pnl: realized, unsettled_intents: unsettled, news_items: await this.sources.newsItemCount(),
      failed_cycles: c.failed, cycles: c.total, last_ok_cycle: c.lastOkAt === null ? null : c.lastOkAt / 1000, equity: t.accounts.last()?.equity ?? null, state: t.tradingState.state,
    };
  }

  private openTradesBySymbol(): Map<string, TradeRow[]> {
    const out = new Map<string, TradeRow[]>();
    for (const id of [...this.t.openTrades].sort((a, b) => a - b)) {
      const r = this.t.trades.get(id)!;
      out.set(r.symbol, [...(out.get(r.symbol) ?? []), r]);
    }
    return out;
  }
}

/** A LIMIT as Postgres takes it: a negative one is an error. */
function limit(n: number): number {
  if (n < 0) throw new Error('LIMIT must not be negative');
  return n;
}
