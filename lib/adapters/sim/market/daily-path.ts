import type { Random } from '../../../shared/random.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import type { SimCalendar } from './trading-days.ts';
import type { EventStream } from './event-stream.ts';

/** One day of a cheap daily path: log levels (relative to the start) at the open and close, and the regime. */
export interface DailyStep {
  /** Cumulative log level at the previous close (0 before the first day). */
  prevClose: number;
  open: number;
  close: number;
  /** Volatility regime of the day, as a fraction per day. */
  sigma: number;
  /** Multiplies the symbol's average daily volume. */
  volumeFactor: number;
}

export interface DailyPathSpec {
  /** Long-run volatility per day. */
  volatility: number;
  /** Overnight gap volatility as a share of the day's volatility (0 for crypto, which never closes). */
  gapShare: number;
  /** Drift per day. */
  drift: number;
  /** Pull back toward the starting level per day (keeps a $2 stock from drifting to $0.02 over years). */
  meanReversion: number;
}

/** When step k's session ends (a regular close, or the New York midnight after a crypto day) and its date. */
export interface DaySchedule {
  end(step: number): EpochMs;
  date(step: number): IsoDate;
}

/**
 * A daily path (open and close log levels per day) generated sequentially from a seeded stream: GARCH(1,1)
 * volatility clustering, overnight gaps with occasional jumps, mean reversion of the level including the
 * settled news reactions. Steps are trading days for equities and calendar days for crypto.
 */
export class DailyPath {
  private readonly prevClose: number[] = [];
  private readonly open: number[] = [];
  private readonly close: number[] = [];
  private readonly sigma: number[] = [];
  private readonly volume: number[] = [];
  private lastReturn = 0;
  private logVolume = 0;

  constructor(
    private readonly stream: Random,
    private readonly spec: DailyPathSpec,
    private readonly schedule: DaySchedule,
    private readonly news: EventStream | null,
  ) {}

  /** The step `k` (>= 0), generating every earlier one first. */
  step(k: number): DailyStep {
    while (this.close.length <= k) this.extend();
    return { prevClose: this.prevClose[k]!, open: this.open[k]!, close: this.close[k]!, sigma: this.sigma[k]!, volumeFactor: this.volume[k]! };
  }

  private extend(): void {
    const k = this.close.length;
    const { volatility, gapShare, drift, meanReversion } = this.spec;
    const before = k === 0 ? 0 : this.close[k - 1]!;
    const prevSigma = k === 0 ? volatility : this.sigma[k - 1]!;
    const variance = volatility * volatility * 0.04 + 0.08 * this.lastReturn * this.lastReturn + 0.88 * prevSigma * prevSigma;
    const sigma = Math.min(Math.sqrt(variance), 4 * volatility);
    const z1 = this.stream.normal();
    const jump = this.stream.next() < 0.01 ? this.stream.normal() * 2 * sigma : 0;
    const z2 = this.stream.normal();
    const zv = this.stream.normal();
    let newsLevel = 0;
    if (this.news && k > 0) {
      this.news.through(this.schedule.date(k - 1));
      newsLevel = this.news.levelAt(this.schedule.end(k - 1));
    }
    const gap = gapShare * sigma * z1 + (gapShare > 0 ? jump : 0);
    const ret = drift + sigma * Math.sqrt(1 - gapShare * gapShare) * z2 - meanReversion * (before + newsLevel);
    this.prevClose.push(before);
    this.open.push(before + gap);
    this.close.push(before + gap + ret);
    this.sigma.push(sigma);
    this.lastReturn = gap + ret;
    this.logVolume = 0.55 * this.logVolume + 0.3 * zv;
    this.volume.push(Math.exp(this.logVolume - 0.045) * (0.7 + 0.3 * Math.min(4, Math.abs(gap + ret) / sigma)));
  }
}

/** Equity steps are trading days, ending at their regular close. */
export function equitySchedule(calendar: SimCalendar): DaySchedule {
  return { end: (k) => calendar.tradingClose(k), date: (k) => calendar.tradingDate(k) };
}

/** Crypto steps are calendar days, ending at the next New York midnight. */
export function cryptoSchedule(calendar: SimCalendar): DaySchedule {
  return { end: (k) => calendar.midnightAfter(k), date: (k) => calendar.dateAt(k) };
}
