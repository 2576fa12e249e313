import type { EpochMs } from '../domain/time.ts';
import type { ClosedTrade, EquityPoint } from '../domain/performance.ts';

export interface TradingStateView {
  state: string;
  reason: string;
  changedBy: string;
  changedAt: EpochMs | null;
  until: EpochMs | null;
}

export interface AccountView {
  at: EpochMs;
  equity: number;
  cash: number;
  buyingPower: number;
  lastEquity: number;
  longMarketValue: number;
  shortMarketValue: number;
}

export interface MetricsRow {
  open_positions: number;
  closed_trades: number;
  realized_pnl: number;
  unsettled_intents: number;
  news_items: number;
  failed_cycles: number;
  cycles: number;
  last_ok_cycle: number | null;
  equity: number | null;
  state: string;
}

/** Read-only queries for the dashboard. Views the dashboard only displays are typed loosely (JSON out). */
export interface ReportingReader {
  tradingState(): Promise<TradingStateView | null>;
  latestAccount(): Promise<AccountView | null>;
  positions(): Promise<unknown[]>;
  orders(filter: { status?: string; symbol?: string; limit: number }): Promise<unknown[]>;
  trades(filter: { symbol?: string; from?: EpochMs; to?: EpochMs; status?: 'open' | 'closed' | 'all'; exitReason?: string; beforeId?: number; limit: number }): Promise<{ trades: unknown[]; nextBeforeId: number | null }>;
  closedTrades(from: EpochMs): Promise<ClosedTrade[]>;
  equity(from: EpochMs, maxPoints: number): Promise<EquityPoint[]>;
  latestCycleWithCandidates(): Promise<number | null>;
  candidates(cycleId: number): Promise<unknown[]>;
  news(filter: { symbol?: string; knownAt: EpochMs; limit: number }): Promise<unknown[]>;
  cycles(limit: number): Promise<{ id: number; startedAt: EpochMs | null; finishedAt: EpochMs | null; status: string; stages: unknown; errors: unknown }[]>;
  fills(symbol: string, from: EpochMs, to: EpochMs): Promise<{ id: string; at: EpochMs; side: string; qty: number; price: number; kind: string; exitReason: string | null }[]>;
  tradeAudit(tradeId: number): Promise<unknown | null>;
  metrics(): Promise<MetricsRow>;
}
