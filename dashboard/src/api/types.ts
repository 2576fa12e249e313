// Shapes of the reporting functions' answers (lib/adapters/postgres/reporting.repo.ts, lib/app/reporting/*).
// Times are epoch milliseconds on the trading clock (simulated in sim); money is USD.

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

export interface TradingState {
  state: 'ACTIVE' | 'REDUCING' | 'HALTED' | string;
  /** Readable message of the last transition. */
  reason: string;
  /** What moved it: initial, operator, daily_loss, drawdown, ... */
  cause?: string | null;
  changedBy: string;
  changedAt: number | null;
  until: number | null;
}

export interface Stage {
  name: string;
  startedAt: number;
  ms: number;
  ok: boolean;
  why: string;
  counts: Record<string, number>;
  error?: { code: string; message: string };
}

export interface Cycle {
  id: number;
  startedAt: number;
  finishedAt: number | null;
  mode: string;
  marketPhase: string;
  status: 'ok' | 'partial' | 'failed' | 'running' | string;
  stages: Stage[];
  counts: Record<string, number>;
  errors: { stage: string; code: string; message: string }[];
}

export interface Summary {
  mode: string;
  now: number;
  equity: number | null;
  cash: number | null;
  buyingPower: number | null;
  dayPnlUsd: number | null;
  dayPnlPct: number | null;
  openPositions: number;
  tradingState: TradingState | null;
  lastTick: Cycle | null;
  /** The last finished tick as the coordinator wrote it to Redis (may be missing: Redis holds what may be lost). */
  live: { cycleId: number; at: number; status: string; stages: { name: string; ok: boolean; ms: number; error: string | null }[] } | null;
}

export interface PositionPlan {
  stopPrice?: number;
  takeProfitPrice?: number;
  timeExitAt?: number;
  riskPerUnitUsd?: number;
}

export interface Position {
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  avgEntryPrice: number;
  currentPrice: number | null;
  unrealizedPl: number | null;
  openedAt: number | null;
  plan: PositionPlan | null;
  adopted: boolean;
  entryReason: string | null;
  tradeId: number | null;
}

export interface Trade {
  id: number;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  entryAt: number;
  entryPrice: number;
  exitAt: number | null;
  exitPrice: number | null;
  openQty?: number;
  pnlUsd: number | null;
  rMultiple: number | null;
  exitReason: string | null;
  adopted: boolean;
  /** Migrated from another system (npm run import:trades). */
  imported?: boolean;
}

export interface TradePage {
  trades: Trade[];
  nextBeforeId: number | null;
}

export interface EquityPoint {
  at: number;
  equity: number;
  peak: number;
  /** Fraction below the running peak (0.02 = 2 %). */
  drawdown: number;
}

export interface Performance {
  trades: number;
  wins: number;
  losses: number;
  winRate: number | null;
  profitFactor: number | null;
  expectancyUsd: number | null;
  averageR: number | null;
  totalReturn: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number | null;
  cagr: number | null;
  /** After fees (the trade figures above are after fees too). */
  netPnlUsd?: number;
  feesUsd?: number;
  beforeFees?: { pnlUsd: number; winRate: number | null; profitFactor: number | null; expectancyUsd: number | null };
}

export interface Signal {
  id: number;
  direction: 'long' | 'short' | 'none' | string;
  score: number;
  explanation: string;
}

export interface Candidate {
  id: number;
  cycleId: number;
  at: number;
  symbol: string;
  rank: number;
  score: number;
  blocked: boolean;
  features: Record<string, unknown>;
  reasons: string[];
  newsItemIds: number[];
  signal: Signal | null;
}

export interface Sentiment {
  score: number;
  label: 'positive' | 'negative' | 'neutral' | string;
}

export interface NewsItem {
  id: number;
  storyId: number;
  source: string;
  headline: string;
  summary: string | null;
  url: string | null;
  symbols: string[];
  publishedAt: number;
  receivedAt: number;
  version: number;
  sentiment: Sentiment;
  catalyst: string | null;
  blocksLong: boolean;
  delayed: boolean;
  /** Each linked company's own reading: role, direction, analyst action (absent on older servers). */
  companies?: CompanyReading[];
}

export interface CompanyReading {
  symbol: string;
  role: string;
  score: number;
  direction: 'positive' | 'negative' | 'neutral' | string;
  catalyst: string | null;
  action: string | null;
}

export interface Bar {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

export interface ChartFill {
  id: string;
  at: number;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  kind: 'entry' | 'exit' | 'external' | string;
  exitReason: string | null;
}

export interface ChartData {
  symbol: string;
  bars: Bar[];
  overlays: Record<string, (number | null)[]>;
  trades: ChartFill[];
  patterns: { t: number; name: string; direction: string }[];
  news: { t: number; id: number; headline: string; sentiment: Sentiment; catalyst: string | null }[];
}

export interface Health {
  status: 'ok' | 'degraded' | 'down' | string;
  mode: string;
  checkedAt: string;
  dependencies: Record<string, { ok: boolean; latencyMs: number; error?: string }>;
  services: Record<string, { lastSuccessAt: string | null; ageSeconds: number | null; stale: boolean; lastFailureAt: string | null; lastErrorCode: string | null }>;
}

export type ControlAction = 'halt' | 'reduce' | 'resume' | 'flatten' | 'close';
