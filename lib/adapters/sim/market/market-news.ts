import type { EpochMs } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import { newYorkDate } from '../../../domain/calendar/new-york-time.ts';
import type { NewsItem } from '../../../domain/news.ts';
import type { EventCore, SyntheticNewsEvent } from './market-types.ts';
import type { MarketEngine } from './market-engine.ts';
import { writeNewsVersions } from './news-writer.ts';

/** An update follows its story by at most 90 minutes and 59 seconds (see EventStream). */
const MAX_UPDATE_DELAY = 91 * MINUTE_MS;

function copyItem(item: NewsItem): NewsItem {
  return { ...item, symbols: [...item.symbols], ...(item.meta ? { meta: { ...item.meta } } : {}) };
}

/** The synthetic news wire: stories of every symbol plus macro news, written once and kept. */
export class MarketNews {
  private readonly written = new Map<string, NewsItem[]>();

  constructor(private readonly engine: MarketEngine) {}

  private versions(event: EventCore): NewsItem[] {
    let v = this.written.get(event.id);
    if (!v) {
      const profile = event.symbolIndex >= 0 ? this.engine.universe[event.symbolIndex]! : null;
      const price = event.symbolIndex >= 0 ? this.engine.closeBefore(event.symbolIndex, event.publishedAt) : 0;
      v = writeNewsVersions(this.engine.root.fork(`text:${event.id}`), event, profile, price);
      if (this.written.size > 200_000) this.written.clear();
      this.written.set(event.id, v);
    }
    return v;
  }

  private describe(event: EventCore): SyntheticNewsEvent {
    const symbol = event.symbolIndex >= 0 ? this.engine.universe[event.symbolIndex]!.asset.symbol : null;
    return { id: event.id, symbol, catalyst: event.catalyst, publishedAt: event.publishedAt, reaction: { ...event.reaction }, versions: this.versions(event).map(copyItem) };
  }

  /** Stories about symbol `index` (or macro stories for -1) published in (from, to]. */
  private coresOf(index: number, from: EpochMs, to: EpochMs, toDate = newYorkDate(to)): EventCore[] {
    if (to <= from || toDate < this.engine.calendar.start) return [];
    const stream = index < 0 ? this.engine.macro : this.engine.state(index).news;
    stream.through(toDate);
    return stream.between(from, to);
  }

  /** Every story published in (from, to], macro first then by symbol, each in time order. */
  private coresBetween(from: EpochMs, to: EpochMs): EventCore[] {
    const toDate = newYorkDate(to);
    const out = this.coresOf(-1, from, to, toDate);
    for (let i = 0; i < this.engine.universe.length; i++) out.push(...this.coresOf(i, from, to, toDate));
    return out;
  }

  /** Stories with their ground truth: of one symbol (or macro for null), or of everything. */
  events(symbolIndex: number | 'all', from: EpochMs, to: EpochMs): SyntheticNewsEvent[] {
    const cores = symbolIndex === 'all' ? this.coresBetween(from, to) : this.coresOf(symbolIndex, from, to);
    return cores.sort((a, b) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : 1)).map((e) => this.describe(e));
  }

  /** Every version whose `version` time is in (from, to], by time then source id. */
  itemsBetween(from: EpochMs, to: EpochMs): NewsItem[] {
    const out: NewsItem[] = [];
    for (const event of this.coresBetween(from - MAX_UPDATE_DELAY, to)) {
      const last = event.updatedAt ?? event.publishedAt;
      if (last <= from || event.publishedAt > to) continue;
      for (const item of this.versions(event)) if (item.version > from && item.version <= to) out.push(copyItem(item));
    }
    return out.sort((a, b) => a.version - b.version || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  }
}
