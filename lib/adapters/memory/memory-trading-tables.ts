import type { EpochMs } from '../../domain/time.ts';
import type { IntentKind, IntentStatus } from '../../ports/trading-store.port.ts';
import { MemoryFences } from './memory-fences.ts';
import { AccountColumns } from './memory-account-columns.ts';
import type { AccountRow, AuditRow, FillRow, IntentRow, OrderRow, PositionRow, TradeRow, TradingStateRow } from './memory-trading-rows.ts';

export type { AccountRow, AuditRow, FillRow, IntentRow, OrderRow, PositionRow, TradeRow, TradingStateRow };

export const UNSETTLED: ReadonlySet<IntentStatus> = new Set<IntentStatus>(['pending', 'submitted', 'unresolved']);
export const TERMINAL_ORDER: ReadonlySet<string> = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);
export const CLOSE_KINDS: ReadonlySet<IntentKind> = new Set<IntentKind>(['exit', 'flatten', 'operator']);

/** Inserts `row` into `list` kept sorted by `key` (after rows with an equal key, as appended rows would be). */
export function insertSorted<T>(list: T[], row: T, key: (r: T) => number): void {
  const k = key(row);
  let lo = 0;
  let hi = list.length;
  if (hi === 0 || key(list[hi - 1]!) <= k) {
    list.push(row);
    return;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]!) <= k) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, row);
}

/** The index of the first row of `list` (sorted by `key`) whose key is at least `min`. */
export function firstAtLeast<T>(list: readonly T[], min: number, key: (r: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]!) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Closed trades with exit_at at or after `from`, by exit_at then id (the order the Postgres queries state). */
export function closedSince(t: MemoryTradingTables, from: EpochMs): TradeRow[] {
  const rows = t.closedByExit.slice(firstAtLeast(t.closedByExit, from, (r) => r.exitAt!));
  return rows.sort((a, b) => a.exitAt! - b.exitAt! || a.id - b.id);
}

/**
 * The trading tables of one in-memory world, with the indexes the queries need so that no call scans the
 * whole history. Serial ids follow Postgres: every row an insert proposes takes the next id, even one a
 * conflict then skips. Shared by the trading store, the trading-state store and the reporting reader.
 */
export class MemoryTradingTables {
  readonly fences: MemoryFences;
  constructor(fences: MemoryFences = new MemoryFences(), startedAt: EpochMs = 0) {
    this.fences = fences;
    this.tradingState = { state: 'ACTIVE', reason: 'initial state', changedBy: 'system', changedAt: startedAt, until: null, equityHighWaterUsd: null };
  }

  readonly seq = { intents: 0, trades: 0, audit: 0, history: 0, orders: 0 };
  readonly intents = new Map<number, IntentRow>();
  readonly intentByClientId = new Map<string, IntentRow>();
  readonly unsettled = new Set<number>();
  /** Entry intents with a story, by created_at (the per-story entry counts of the risk gate). */
  readonly storyEntries: IntentRow[] = [];
  /** The signals an intent names (what a backtest's retention keeps for the trade audit). */
  readonly intentSignals = new Set<number>();
  /** Per symbol, the latest created_at of an exit, flatten or operator intent. */
  readonly lastCloseIntentAt = new Map<string, EpochMs>();

  readonly orders = new Map<string, OrderRow>();
  readonly openOrders = new Set<string>();
  readonly ordersByIntent = new Map<number, OrderRow[]>();
  readonly fills = new Map<string, FillRow>();
  readonly fillsBySymbol = new Map<string, FillRow[]>();
  readonly positions = new Map<string, PositionRow>();
  readonly trades = new Map<number, TradeRow>();
  readonly openTrades = new Set<number>();
  /** Closed trades by exit_at. */
  readonly closedByExit: TradeRow[] = [];
  /** Account snapshots by `at`, in columns. */
  readonly accounts = new AccountColumns();
  readonly audit: AuditRow[] = [];
  /** `exit.deferred` entries by `at`. */
  readonly deferred: AuditRow[] = [];
  cursor: { at: EpochMs; id: string } | null = null;
  tradingState: TradingStateRow;
  readonly stateHistory: { id: number; at: EpochMs; fromState: string; toState: string; reason: string; changedBy: string }[] = [];

  /** Sets an intent's status, keeping the unsettled index. */
  setStatus(row: IntentRow, status: IntentStatus): void {
    row.status = status;
    if (UNSETTLED.has(status)) this.unsettled.add(row.id);
    else this.unsettled.delete(row.id);
  }

  /** Appends audit rows (ids in order). */
  appendAudit(rows: readonly Omit<AuditRow, 'id'>[]): void {
    for (const r of rows) {
      const row = { ...r, id: ++this.seq.audit };
      this.audit.push(row);
      if (row.action === 'exit.deferred') insertSorted(this.deferred, row, (x) => x.at);
    }
  }
}
