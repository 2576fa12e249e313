/**
 * The parameters and answers of the worker functions the coordinator invokes. Handlers validate the
 * parameters with their own schemas; these types keep the coordinator and the workers in step.
 */
export interface CollectParams {
  fence?: number;
}
export interface CollectAnswer {
  inserted: number;
  duplicates: number;
  newStories: number;
  skipped: number;
  sources: { source: string; fetched: number; error?: { code: string; message: string } }[];
}

export interface ScanParams {
  cycleId: number;
  fence?: number;
  /** The universe's stocks (the default) or its crypto pairs. */
  market?: 'stocks' | 'crypto';
}
export interface ScanAnswer {
  universe: number;
  withNews: number;
  dataCalls: number;
  /** Symbols with news the scanner left out (price band, liquidity, spread, no trade yet). */
  excluded?: number;
  candidates: { id: number; symbol: string; rank: number; score: number; direction: 'long' | 'short'; blocked: boolean }[];
}

export interface DetectParams {
  cycleId: number;
  symbols: string[];
  /** crypto: setups in midnight-to-midnight New York days instead of NYSE sessions. */
  market?: 'stocks' | 'crypto';
}
export interface DetectAnswer {
  /** Per symbol: the patterns and setups on its recent bars (names, direction, bars). */
  detections: Record<string, { name: string; direction: string; barTimes: number[] }[]>;
}

export interface SignalsParams {
  cycleId: number;
  fence?: number;
  symbols: string[];
  detections?: DetectAnswer['detections'];
}
export interface SignalsAnswer {
  signals: { id: number; symbol: string; direction: 'long' | 'short' | 'none'; score: number }[];
}

export interface ExecuteParams {
  cycleId: number;
  fence?: number;
  /** entries: act on this cycle's signals; exits: manage open positions; flatten: close everything. */
  mode: 'entries' | 'exits' | 'flatten';
  reason?: string;
  /** Entries and exits: act on this market's symbols only (the default: every symbol). */
  market?: 'stocks' | 'crypto';
}
export interface ExecuteAnswer {
  intents: number;
  sent: number;
  denied: number;
  byStatus: Record<string, number>;
}

export interface ReconcileParams {
  fence?: number;
}
export interface ReconcileAnswer {
  ordersUpserted: number;
  fillsNew: number;
  tripsOpened: number;
  tripsClosed: number;
  corrections: number;
  intentsResolved: number;
  intentsFailed: number;
  openPositions: number;
  equity: number;
}

/** Function ids, as in project.yml. */
export const FN = {
  collect: 'news/collect',
  scan: 'scanner/scan',
  detect: 'patterns/detect',
  signals: 'technical/signals',
  execute: 'trading/execute',
  reconcile: 'trading/reconcile',
} as const;
