import type { Bar } from '../../domain/market.ts';
import { detectPatterns, patternLabelsByBar } from '../patterns/detect-patterns.ts';
import { toColumns } from './bar-columns.ts';
import { computeIndicators, indicatorsAt, type IndicatorValues } from './indicator-set.ts';

/** One bar's analysis: its indicators (null until each has a value) and the patterns completing on it. */
export interface BarAnalysis {
  t: number;
  indicators: IndicatorValues;
  patterns: string[];
}

export interface WindowSizes {
  /** New bars analysed per window. */
  chunk: number;
  /**
   * Bars of the previous window computed again before the new ones. The smoothed indicators (EMA, MACD, RSI,
   * ATR, ADX) forget their start by a factor of at most 13/14 a bar: after 5,000 bars that is 1e-161, so the
   * values equal the whole-series ones to the last bit or two. VWAP needs the bars of its day: a day of
   * up to this many bars. OBV is carried over exactly.
   */
  overlap: number;
}

export const DEFAULT_WINDOWS: WindowSizes = { chunk: 50_000, overlap: 5_000 };

/**
 * The bot's indicators and candle patterns over a series of any length in bounded memory: bars are pushed
 * oldest first and analysed a window at a time (`overlap` bars of context, then `chunk` new ones); each
 * window's analyses are handed to `emit` in bar order. Same values as analysing the whole series at once,
 * within the limits `WindowSizes.overlap` states.
 */
export class WindowedAnalysis {
  private bars: Bar[] = [];
  /** How many bars at the front of `bars` were already emitted (the overlap). */
  private emitted = 0;
  /** The whole-series OBV at bars[0], once a window has been analysed. */
  private obvAtStart: number | null = null;

  constructor(
    private readonly emit: (rows: BarAnalysis[]) => Promise<void>,
    private readonly sizes: WindowSizes = DEFAULT_WINDOWS,
  ) {}

  /** Adds the next bar (strictly later than the one before). */
  async push(bar: Bar): Promise<void> {
    this.bars.push(bar);
    if (this.bars.length - this.emitted >= this.sizes.chunk) await this.analyse();
  }

  /** Analyses the bars still waiting; call once after the last bar. */
  async finish(): Promise<void> {
    if (this.bars.length > this.emitted) await this.analyse();
  }

  private async analyse(): Promise<void> {
    const columns = toColumns(this.bars);
    const set = computeIndicators(columns);
    const patterns = patternLabelsByBar(detectPatterns(columns), columns.length);
    const obvOffset = this.obvAtStart === null ? 0 : this.obvAtStart - set.obv[0]!;
    const rows: BarAnalysis[] = [];
    for (let i = this.emitted; i < columns.length; i++) {
      const indicators = indicatorsAt(set, i);
      if (indicators.obv !== null) indicators.obv += obvOffset;
      rows.push({ t: columns.t[i]!, indicators, patterns: patterns[i]! });
    }
    await this.emit(rows);
    const keep = Math.min(this.sizes.overlap, this.bars.length);
    const from = this.bars.length - keep;
    this.obvAtStart = set.obv[from]! + obvOffset;
    this.bars = this.bars.slice(from);
    this.emitted = this.bars.length;
  }
}
