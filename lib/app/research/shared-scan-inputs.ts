import type { EpochMs } from '../../domain/time.ts';
import type { ScanInputs, ScanMarket, SharedScanInputs } from '../scan/scan-inputs.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';
import { setBounded } from '../../shared/bounded-map.ts';

export type { SharedScanInputs } from '../scan/scan-inputs.ts';

/** Scan inputs shared by the trials of one worker, each trial seeing those of its own window's start. */
export interface SharedScanInputsByWindow {
  /** The cache as one trial whose replay starts on `from` reads it. */
  forWindow(from: string): SharedScanInputs;
  size(): number;
}

/**
 * scanner/scan's inputs shared by every trial of one study in one worker. At an instant they read the news
 * store (what news/collect stored from the read-only history, on the same ticks in every trial), the asset
 * rows and daily statistics (scanner/refresh, from the same history) and snapshots of the history: no tuned
 * parameter enters them (lib/config/parameter-space.ts tunes the scanner's half-life and minimum catalyst,
 * applied by the ranking after). What a trial has collected by an instant depends on when its replay began
 * (news/collect's first lookback), so trials share only with trials of the same window start. Only one
 * runner's trials may share one (one history, one environment). Answers are frozen; the `capacity` most
 * recent are kept.
 */
export function sharedScanInputs(capacity = 50_000): SharedScanInputsByWindow {
  const known = new Map<string, ScanInputs>();
  const forWindow = (from: string): SharedScanInputs => async (at: EpochMs, market: ScanMarket, compute: () => Promise<ScanInputs>) => {
    const key = `${from}|${market}|${at}`;
    let answer = known.get(key);
    if (!answer) {
      answer = deepFreeze(await compute());
      setBounded(known, key, answer, capacity);
    }
    return answer;
  };
  return { forWindow, size: () => known.size };
}
