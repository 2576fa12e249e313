import type { Random } from '../../../shared/random.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import type { AssetProfile, EventCore } from './market-types.ts';
import type { SimCalendar } from './trading-days.ts';
import { CATALYSTS, drawReaction, pickCatalyst, publishMinute } from './catalysts.ts';

/** A price reaction is complete (to double precision) after 40 time constants; the longest is 12 minutes. */
export const SETTLE_MS = 40 * 12 * MINUTE_MS;

/**
 * The stories of one subject (a symbol, or the market for macro news), generated a calendar day at a time
 * from a sequential stream with a fixed number of draws per day, so every process sees the same stories.
 */
export class EventStream {
  readonly events: EventCore[] = [];
  /** prefix[i] = sum of logImpact of events[0..i). */
  private prefix: number[] = [0];
  private generatedDays = 0;
  private readonly stream: Random;

  constructor(
    private readonly root: Random,
    private readonly calendar: SimCalendar,
    private readonly subject: { label: string; symbolIndex: number; profile: AssetProfile | null },
    private readonly ratePerDay: number,
  ) {
    this.stream = root.fork(`news:${subject.label}`);
  }

  /** Makes sure every story published on or before `date` exists. */
  through(date: IsoDate): void {
    const last = this.calendar.dayOffset(date);
    while (this.generatedDays <= last) this.generateDay(this.calendar.dateAt(this.generatedDays++));
  }

  private generateDay(date: IsoDate): void {
    const tradingDay = calendarDay(date) !== null;
    const u1 = this.stream.next();
    const u2 = this.stream.next();
    const profile = this.subject.profile;
    const crypto = profile?.tier === 'crypto';
    const rate = this.ratePerDay * (tradingDay || crypto ? 1 : 0.2);
    const count = profile === null ? (tradingDay && u1 < rate ? 1 : 0) : u1 < rate ? (u2 < 0.15 ? 2 : 1) : 0;
    const day: EventCore[] = [];
    for (let j = 0; j < count; j++) {
      const id = `sim-${date.replaceAll('-', '')}-${this.subject.label.replace('/', '')}-${j}`;
      const rng = this.root.fork(`event:${this.subject.label}:${date}:${j}`);
      let catalyst: EventCore['catalyst'];
      let minute: number;
      if (profile === null) {
        catalyst = 'macro';
        minute = rng.pick([8 * 60 + 30, 8 * 60 + 30, 8 * 60 + 30, 10 * 60, 14 * 60]);
      } else {
        catalyst = pickCatalyst(rng, profile, tradingDay);
        minute = crypto ? rng.int(0, 24 * 60 - 1) : publishMinute(rng, catalyst === 'macro' ? 'any' : CATALYSTS[catalyst].timing, tradingDay);
      }
      const publishedAt = this.calendar.instantAt(date, minute) + rng.int(0, 59) * 1000;
      const reaction = drawReaction(rng, catalyst, profile?.tier ?? 'mid');
      const updated = rng.chance(catalyst === 'noise' ? 0.05 : 0.2);
      const updatedAt = updated ? publishedAt + rng.int(5, 90) * MINUTE_MS + rng.int(0, 59) * 1000 : null;
      day.push({ id, symbolIndex: this.subject.symbolIndex, date, catalyst, publishedAt, reaction, updatedAt });
    }
    day.sort((a, b) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : 1));
    for (const e of day) {
      this.events.push(e);
      this.prefix.push(this.prefix[this.prefix.length - 1]! + e.reaction.logImpact);
    }
  }

  /** Index of the first event published after `t`. */
  private firstAfter(t: EpochMs): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.publishedAt <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sum of every reaction fully settled by `t` (published at or before t - SETTLE_MS). */
  settledBefore(t: EpochMs): number {
    return this.prefix[this.firstAfter(t - SETTLE_MS)]!;
  }

  /** Events published in (from, to], in publication order. */
  between(from: EpochMs, to: EpochMs): EventCore[] {
    return this.events.slice(this.firstAfter(from), this.firstAfter(to));
  }

  /** The cumulative log-price effect of all stories at instant `t`. */
  levelAt(t: EpochMs): number {
    let level = this.settledBefore(t);
    for (const e of this.between(t - SETTLE_MS, t)) level += e.reaction.logImpact * -Math.expm1(-(t - e.publishedAt) / (e.reaction.priceTauMinutes * MINUTE_MS));
    return level;
  }
}
