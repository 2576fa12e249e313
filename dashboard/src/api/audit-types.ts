// The decision audit of one trade (reporting/audit: PgReportingReader.tradeAudit).
import type { PositionPlan, Sentiment, Signal, Trade } from './types.ts';

export interface RiskCheck {
  check: string;
  passed: boolean;
  inputs: Record<string, unknown>;
  reason?: string;
}

export interface Audit {
  trade: Trade;
  news: {
    id: number;
    storyId: number;
    source: string;
    sourceId: string;
    version: number;
    headline: string;
    publishedAt: number;
    receivedAt: number;
    sentiment: Sentiment;
    catalyst: string | null;
    analysis: { evidence?: { catalyst?: { phrase: string; type: string }[]; sentiment?: { phrase: string; weight: number }[] } } | null;
  }[];
  candidate: { id: number; cycleId: number; rank: number; score: number; features: Record<string, unknown>; reasons: string[] } | null;
  signal: (Signal & { inputs: SignalInputs | null }) | null;
  entry: {
    id: number;
    clientOrderId: string;
    reason: string;
    request: Record<string, unknown> | null;
    risk: { checks?: RiskCheck[]; approval?: { qty: number; message: string; riskUsd: number; sizedBy: string; notionalUsd: number } } | null;
    plan: PositionPlan | null;
    status: string;
  } | null;
  exit: { id: number; clientOrderId: string; reason: string; exitReason: string | null; status: string } | null;
  orders: { id: string; clientOrderId: string; parentId: string | null; type: string; side: string; status: string; qty: number; filledQty: number; filledAvgPrice: number | null; limitPrice: number | null; stopPrice: number | null }[];
  fills: { id: string; at: number; side: string; qty: number; price: number; orderType: string; leg: string }[];
}

export interface SignalInputs {
  price?: number;
  components?: { name: string; value: number; why: string }[];
  indicators?: Record<string, number | null>;
  regime?: { regime: string; reasons: string[] };
  plan?: { entry: number; stop: number; target: number; stopBasis: string; riskPerUnitUsd: number };
  params?: { minScore?: number };
}
