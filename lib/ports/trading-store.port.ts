import type { EpochMs } from '../domain/time.ts';
import type { Account, Fill, Order, OrderRequest, Position, SubmitOutcome } from '../domain/orders.ts';
import type { ExitReason, RoundTrip } from '../domain/round-trips.ts';

export type IntentKind = 'entry' | 'exit' | 'replace_stop' | 'flatten' | 'operator';
export type IntentStatus = 'pending' | 'submitted' | 'accepted' | 'rejected' | 'duplicate' | 'unresolved' | 'failed';

/** What the trade plan of an entry said (kept with the position for exit management and the R multiple). */
export interface EntryPlan {
  stopPrice: number;
  takeProfitPrice: number | null;
  /** Entry price minus the initial stop, per unit, USD. */
  riskPerUnitUsd: number;
  /** Exit after this time unless stopped or taken out before. */
  timeExitAt: EpochMs | null;
}

export interface NewIntent {
  clientOrderId: string;
  cycleId: number | null;
  createdAt: EpochMs;
  kind: IntentKind;
  request: OrderRequest;
  reason: string;
  exitReason?: ExitReason;
  plan?: EntryPlan;
  signalId?: number | null;
  storyId?: number | null;
  newsItemId?: number | null;
  /** The risk checks and their inputs (explainability). */
  risk?: Record<string, unknown>;
  /** For replacements: the broker order being replaced. */
  replacesOrderId?: string;
}

export interface IntentRecord extends NewIntent {
  id: number;
  status: IntentStatus;
  brokerOrderId: string | null;
  outcome: Record<string, unknown> | null;
  submittedAt: EpochMs | null;
  resolvedAt: EpochMs | null;
  lookups: number;
}

/** An entry in the append-only audit log. */
export interface AuditEntry {
  at: EpochMs;
  actor: string;
  action: string;
  subject: string | null;
  reason: string;
  data?: Record<string, unknown>;
}

/** What reconcile read from the broker in one tick. */
export interface BrokerSnapshot {
  at: EpochMs;
  account: Account;
  positions: Position[];
  /** Open orders plus orders updated since the last reconcile (with legs). */
  orders: Order[];
  /** Fills since the cursor, oldest first. */
  fills: Fill[];
  /** The cursor to store when this snapshot is applied. */
  fillCursor: { at: EpochMs; id: string } | null;
}

/**
 * Reconcile's decision about an intent whose outcome we did not know. It was taken on the intent as read in
 * status `from`; it is applied only if the intent is still in that status (a run of its cycle may have
 * sent it and recorded the answer meanwhile, and that answer must not be overwritten).
 */
export interface IntentResolution {
  intentId: number;
  from: IntentStatus;
  status: IntentStatus;
  brokerOrderId: string | null;
  lookups: number;
  note: string;
}

export interface ReconcileReport {
  ordersUpserted: number;
  ordersAdopted: number;
  fillsNew: number;
  tripsOpened: number;
  tripsClosed: number;
  positionsAdopted: number;
  positionsCorrected: number;
  positionsClosed: number;
  intentsResolved: number;
  intentsFailed: number;
  audit: AuditEntry[];
}

export interface OpenPositionView extends Position {
  openedAt: EpochMs;
  plan: EntryPlan | null;
  entryIntentId: number | null;
  adopted: boolean;
}

/**
 * Postgres holds intents (stored before any order is sent), the broker's orders, fills, positions, round
 * trips, the equity curve and the audit log. Every write of a tick is fenced by its token.
 */
export interface TradingStore {
  /** Stores intents (unique client order id); returns each intent's record, new or existing. */
  saveIntents(intents: readonly NewIntent[], fence: number | null): Promise<IntentRecord[]>;
  /**
   * Claims pending intents for sending (marks them submitted) and returns the ids this caller claimed: only
   * those may be sent, so concurrent runs of one cycle send each intent once. After this, a crash is
   * resolved by lookup, never by resending.
   */
  markSubmitting(ids: readonly number[], at: EpochMs, fence: number | null): Promise<number[]>;
  recordOutcome(id: number, outcome: SubmitOutcome, at: EpochMs, fence: number | null): Promise<IntentStatus>;
  /** Intents whose broker outcome is not known (pending, submitted, unresolved). */
  unsettledIntents(): Promise<IntentRecord[]>;
  intentsByClientOrderId(ids: readonly string[]): Promise<Map<string, IntentRecord>>;
  fillCursor(): Promise<{ at: EpochMs; id: string } | null>;
  /** Orders stored as not yet terminal whose ids are not in `seen`, at most `limit`. */
  staleOpenOrderIds(seen: readonly string[], limit: number): Promise<string[]>;
  /** Applies a broker snapshot in one transaction: orders, fills, positions, round trips, account, audit. */
  applySnapshot(
    snapshot: BrokerSnapshot,
    resolutions: readonly IntentResolution[],
    fence: number | null,
  ): Promise<ReconcileReport>;
  openPositions(): Promise<OpenPositionView[]>;
  openTrips(): Promise<RoundTrip[]>;
  appendAudit(entries: readonly AuditEntry[], fence: number | null): Promise<void>;
  /** Closes decided since `since` and left for a later tick (cancels pending), with no close intent stored after them: the latest per symbol. */
  deferredCloses(since: EpochMs): Promise<DeferredClose[]>;
}

/** A close that was decided and waits for its cancels to complete (audited as `exit.deferred`). */
export interface DeferredClose {
  symbol: string;
  side: 'long' | 'short';
  exitReason: ExitReason;
  kind: 'exit' | 'flatten' | 'operator';
  reason: string;
  at: EpochMs;
}
