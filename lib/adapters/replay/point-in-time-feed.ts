import type { EpochMs } from '../../domain/time.ts';
import type { ReplayFeed } from './replay-feed.ts';

/** What the cut withheld: asks that reached past now, and how much of the future they would have got. */
export interface FeedCuts {
  /** Calls that asked past now. */
  asksPastNow: number;
  /** Bars, quotes and news versions withheld because they did not exist yet. */
  barsWithheld: number;
  newsWithheld: number;
  quotesMovedBack: number;
}

/**
 * A replay feed cut at `now()`: history truncated at each decision time. Every query is clamped to now and
 * every answer filtered to what existed by then (bars that have ended, news versions stamped), whatever the
 * caller asks: the history as it stood at that instant, not merely as an honest caller would read it.
 * `cuts` counts what was withheld (zero when every caller already asks only for the past).
 * `span` still describes the whole recording (a run needs its extent to plan its days, not its contents).
 */
export function pointInTimeFeed(feed: ReplayFeed, now: () => EpochMs): ReplayFeed & { cuts: () => FeedCuts } {
  const cuts: FeedCuts = { asksPastNow: 0, barsWithheld: 0, newsWithheld: 0, quotesMovedBack: 0 };
  const count = <T>(asked: () => T[], given: T[]) => asked().length - given.length;
  return {
    assets: () => feed.assets(),
    barEnd: (symbol, start) => feed.barEnd(symbol, start),
    barsBetween(from, to) {
      const t = now();
      if (to <= t) return feed.barsBetween(from, to);
      cuts.asksPastNow++;
      const given = t <= from ? [] : [...feed.barsBetween(from, t)];
      cuts.barsWithheld += count(() => [...feed.barsBetween(from, to)], given);
      return given;
    },
    barsOf(wanted, from, to) {
      const t = now();
      const out = feed.barsOf(wanted, from, Math.min(to, t));
      let withheld = 0;
      for (const [symbol, bars] of out) {
        // A bar that started before now but has not ended: its close is still the future.
        const ended = bars.filter((b) => feed.barEnd(symbol, b.t) <= t);
        withheld += bars.length - ended.length;
        out.set(symbol, ended);
      }
      if (to > t) for (const bars of feed.barsOf(wanted, Math.max(from, t), to).values()) withheld += bars.length;
      if (withheld > 0) {
        cuts.asksPastNow++;
        cuts.barsWithheld += withheld;
      }
      return out;
    },
    quoteAt(symbol, t) {
      const cut = now();
      if (t > cut) cuts.quotesMovedBack++;
      return feed.quoteAt(symbol, Math.min(t, cut));
    },
    newsBetween(from, to) {
      const t = now();
      const given = feed.newsBetween(from, Math.min(to, t)).filter((n) => n.version <= t);
      if (to > t) {
        const withheld = count(() => feed.newsBetween(from, to), given);
        if (withheld > 0) {
          cuts.asksPastNow++;
          cuts.newsWithheld += withheld;
        }
      }
      return given;
    },
    span: () => feed.span(),
    spreadModel: () => feed.spreadModel(),
    cuts: () => ({ ...cuts }),
  };
}
