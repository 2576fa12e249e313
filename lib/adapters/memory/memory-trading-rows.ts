/** The rows of the in-memory trading tables: the columns of db/migrations/0050_trading.sql, JSON columns as jsonb text. */
import type { EpochMs } from '../../domain/time.ts';
import type { IntentKind, IntentStatus } from '../../ports/trading-store.port.ts';
import type { ExitReason } from '../../domain/round-trips.ts';

/** An intents row; JSON columns kept as jsonb text (see memory-json.ts). */
export interface IntentRow {
  id: number;
  clientOrderId: string;
  cycleId: number | null;
  createdAt: EpochMs;
  kind: IntentKind;
  symbol: string;
  side: string;
  qty: number;
  request: string;
  reason: string;
  exitReason: ExitReason | null;
  plan: string | null;
  replacesOrderId: string | null;
  signalId: number | null;
  storyId: number | null;
  newsItemId: number | null;
  risk: string;
  status: IntentStatus;
  brokerOrderId: string | null;
  outcome: string | null;
  submittedAt: EpochMs | null;
  resolvedAt: EpochMs | null;
  lookups: number;
}

export interface OrderRow {
  id: string;
  clientOrderId: string;
  intentId: number | null;
  parentId: string | null;
  symbol: string;
  side: string;
  type: string;
  timeInForce: string;
  orderClass: string;
  status: string;
  qty: number | null;
  filledQty: number;
  filledAvgPrice: number | null;
  limitPrice: number | null;
  stopPrice: number | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  adopted: boolean;
  /** Insertion order, the tie-break Postgres gives no guarantee for (heap order). */
  seq: number;
}

export interface FillRow {
  id: string;
  orderId: string;
  symbol: string;
  side: string;
  qty: number;
  price: number;
  at: EpochMs;
  cumQty: number;
  leavesQty: number;
}

export interface PositionRow {
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  avgEntryPrice: number;
  currentPrice: number | null;
  unrealizedPl: number | null;
  openedAt: EpochMs;
  entryIntentId: number | null;
  plan: string | null;
  adopted: boolean;
  updatedAt: EpochMs;
}

export interface TradeRow {
  id: number;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  entryAt: EpochMs;
  entryPrice: number;
  exitAt: EpochMs | null;
  exitPrice: number | null;
  pnlUsd: number | null;
  feesUsd: number;
  rMultiple: number | null;
  riskPerUnitUsd: number | null;
  maxQty: number;
  entryQty: number;
  exitQty: number;
  openQty: number;
  fillIds: string[];
  exitReason: ExitReason | null;
  entryIntentId: number | null;
  exitIntentId: number | null;
  signalId: number | null;
  storyId: number | null;
  newsItemId: number | null;
  adopted: boolean;
  importedFrom: string | null;
}

export interface AccountRow {
  at: EpochMs;
  equity: number;
  cash: number;
  buyingPower: number;
  longMarketValue: number;
  shortMarketValue: number;
  lastEquity: number;
}

export interface AuditRow {
  id: number;
  at: EpochMs;
  actor: string;
  action: string;
  subject: string | null;
  reason: string;
  data: string;
}

export interface TradingStateRow {
  state: 'ACTIVE' | 'REDUCING' | 'HALTED';
  reason: string;
  changedBy: string;
  changedAt: EpochMs;
  until: EpochMs | null;
  equityHighWaterUsd: number | null;
}
