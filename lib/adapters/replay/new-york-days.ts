import type { EpochMs, IsoDate } from '../../domain/time.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';

// Remembered answers past this many are forgotten (a year of minute bars is far below it).
const MAX_KEPT = 100_000;

/**
 * New York dates and midnights, remembered: a replayed universe's symbols walk the same few days, and the
 * time-zone arithmetic was a tenth of building a streamed feed's spreads.
 */
export class NewYorkDays {
  private readonly dates = new Map<EpochMs, IsoDate>();
  private readonly midnights = new Map<IsoDate, EpochMs>();
  private readonly nextMidnights = new Map<IsoDate, EpochMs>();

  /** The New York date of instant `t` (newYorkDate). */
  dateOf(t: EpochMs): IsoDate {
    let date = this.dates.get(t);
    if (date === undefined) this.dates.set(t, (date = newYorkDate(t)));
    if (this.dates.size > MAX_KEPT) this.dates.clear();
    return date;
  }

  /** The New York midnight starting `date`. */
  midnight(date: IsoDate): EpochMs {
    let t = this.midnights.get(date);
    if (t === undefined) this.midnights.set(date, (t = newYorkTime(date, '00:00')));
    if (this.midnights.size > MAX_KEPT) this.midnights.clear();
    return t;
  }

  /** The New York midnight ending `date`. */
  nextMidnight(date: IsoDate): EpochMs {
    let t = this.nextMidnights.get(date);
    if (t === undefined) this.nextMidnights.set(date, (t = newYorkTime(addDays(date, 1), '00:00')));
    if (this.nextMidnights.size > MAX_KEPT) this.nextMidnights.clear();
    return t;
  }
}
