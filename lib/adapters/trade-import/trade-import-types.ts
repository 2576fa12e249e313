import type { EpochMs } from '../../domain/time.ts';

/** One fill read from a migrated file; `line` is 1-based in a CSV, the item's index + 1 in a JSON list. */
export interface ImportedFill {
  line: number;
  id: string;
  orderId: string;
  at: EpochMs;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  feeUsd: number;
}

/** A closed trade from a state file. */
export interface ImportedTrade {
  line: number;
  key: string;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  entryAt: EpochMs;
  entryPrice: number;
  exitAt: EpochMs;
  exitPrice: number;
  feesUsd: number;
  exitReason: string | null;
}

/** A position a file says is open. */
export interface ImportedPosition {
  line: number;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  avgEntryPrice: number;
}

/** A row left out, with where and why. */
export interface Rejection {
  line: number | null;
  reason: string;
}

/** What a parser yields, row by row (streamed: a file is never held whole). */
export type ImportItem =
  | { kind: 'fill'; fill: ImportedFill }
  | { kind: 'trade'; trade: ImportedTrade }
  | { kind: 'position'; position: ImportedPosition }
  | { kind: 'rejected'; rejection: Rejection };

/** The formats `import:trades` reads. */
export type TradeFileFormat = 'generic-csv' | 'alpaca-activities-csv' | 'alpaca-activities-json' | 'state-json';
