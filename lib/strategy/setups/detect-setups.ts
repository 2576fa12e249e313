import { detectBullFlags, DEFAULT_BULL_FLAG, type BullFlagOptions } from './bull-flag.ts';
import { detectGapAndGo, DEFAULT_GAP_AND_GO, type GapAndGoOptions } from './gap-and-go.ts';
import { DEFAULT_DAY_HIGH_BREAK, detectDayHighBreaks, detectPremarketHighBreaks, type DayHighBreakOptions } from './high-breaks.ts';
import { DEFAULT_OPENING_RANGE, detectOpeningRangeBreakouts, type OpeningRangeOptions } from './opening-range-breakout.ts';
import type { SetupHit, SetupInput } from './setup-hit.ts';
import { DEFAULT_VWAP_RECLAIM, detectVwapReclaims, type VwapReclaimOptions } from './vwap-reclaim.ts';

/** Options of every setup; each defaults to its DEFAULT_* constant. */
export interface SetupOptions {
  openingRange: OpeningRangeOptions;
  dayHighBreak: DayHighBreakOptions;
  bullFlag: BullFlagOptions;
  gapAndGo: GapAndGoOptions;
  vwapReclaim: VwapReclaimOptions;
}

export const DEFAULT_SETUP_OPTIONS: SetupOptions = {
  openingRange: DEFAULT_OPENING_RANGE,
  dayHighBreak: DEFAULT_DAY_HIGH_BREAK,
  bullFlag: DEFAULT_BULL_FLAG,
  gapAndGo: DEFAULT_GAP_AND_GO,
  vwapReclaim: DEFAULT_VWAP_RECLAIM,
};

/** Runs every setup detector; hits are ordered by trigger bar. */
export function detectSetups(input: SetupInput, options: Partial<SetupOptions> = {}): SetupHit[] {
  const o = { ...DEFAULT_SETUP_OPTIONS, ...options };
  return [
    ...detectOpeningRangeBreakouts(input, o.openingRange),
    ...detectPremarketHighBreaks(input),
    ...detectDayHighBreaks(input, o.dayHighBreak),
    ...detectBullFlags(input, o.bullFlag),
    ...detectGapAndGo(input, o.gapAndGo),
    ...detectVwapReclaims(input, o.vwapReclaim),
  ].sort((a, b) => a.index - b.index);
}
