import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../domain/time.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { createSyntheticMarket } from '../sim/market/synthetic-market.ts';
import { mergeBars } from '../sim/market/bar-aggregation.ts';
import { createReplayFeed, type ReplayFeed, type ReplaySeries } from './replay-feed.ts';
import { answersAt, instantsOf } from './streaming-feed.test-support.ts';

const FROM: IsoDate = '2026-11-12';
const TO: IsoDate = '2026-11-13';

/** Minute bars from two days before FROM with daily context before them (stocks), minute bars alone (crypto). */
function wholeReplay(): ReturnType<typeof createReplayFeed> {
  const market = createSyntheticMarket({ seed: 11, start: addDays(FROM, -40), symbols: 3, crypto: true, newsRate: 20 });
  const minuteFrom = addDays(FROM, -2);
  const symbols = market.assets().map((a) => a.symbol);
  const minute = market.barsOf(symbols, newYorkTime(minuteFrom, '00:00'), newYorkTime(addDays(TO, 1), '00:00'));
  const series: ReplaySeries[] = [];
  for (const asset of market.assets()) {
    series.push({ symbol: asset.symbol, timeframe: '1Min', bars: minute.get(asset.symbol) ?? [] });
    if (asset.assetClass === 'crypto') continue;
    const daily = calendarBetween(addDays(FROM, -30), addDays(minuteFrom, -1)).flatMap((d) => market.sessionBar(asset.symbol, d.date, d.close) ?? []);
    series.push({ symbol: asset.symbol, timeframe: '1Day', bars: daily });
  }
  return createReplayFeed({ series, news: market.newsBetween(newYorkTime(addDays(FROM, -3), '00:00'), newYorkTime(addDays(TO, 1), '00:00')), assets: market.assets() });
}

/** The same feed with only what every SimFeed has: readers fall back to aggregating barsOf and walking barsBetween. */
function withoutShortcuts(feed: ReplayFeed): ReplayFeed {
  return {
    assets: () => feed.assets(),
    barEnd: (symbol, start) => feed.barEnd(symbol, start),
    barsBetween: (from, to) => feed.barsBetween(from, to),
    barsOf: (symbols, from, to) => feed.barsOf(symbols, from, to),
    quoteAt: (symbol, t) => feed.quoteAt(symbol, t),
    newsBetween: (from, to) => feed.newsBetween(from, to),
    span: () => feed.span(),
    spreadModel: () => feed.spreadModel(),
  };
}

describe('a whole replay answers through its shortcuts as by aggregating its bars', () => {
  it('gives_the_same_daily_bars_snapshots_movers_and_spans_as_plain_aggregation_on_a_second_pass_too', async () => {
    const feed = wholeReplay();
    expect(feed.assets().some((a) => a.assetClass === 'crypto')).toBe(true);
    const plain = withoutShortcuts(feed);
    let compared = 0;
    let dailyBars = 0;
    // Two replays of the same feed, as two optimiser trials of one worker: the second starts again from the first session.
    for (const to of [TO, FROM]) {
      let prev = newYorkTime(addDays(FROM, -1), '23:45');
      for (const { date } of calendarBetween(FROM, to)) {
        for (const t of instantsOf(date)) {
          const expected = (await answersAt(plain, t, prev)) as { daily: Map<string, unknown[]> };
          dailyBars += [...expected.daily.values()].reduce((n, bars) => n + bars.length, 0);
          expect(await answersAt(feed, t, prev), `replay to ${to}, at ${new Date(t).toISOString()}`).toEqual(expected);
          prev = t;
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
    // Not a comparison of empty answers: the daily windows held context and session bars.
    expect(dailyBars).toBeGreaterThan(compared * 3 * 20);
  }, 120_000);

  it('answers_a_day_asked_out_of_order_as_merging_its_session_bars_ended_by_then', () => {
    const feed = wholeReplay();
    const symbol = feed.assets().find((a) => a.assetClass === 'us_equity')!.symbol;
    const day = calendarBetween(FROM, FROM)[0]!;
    // Later, then earlier, then later again: the running merge starts over rather than answer from the future.
    for (const until of [day.open + 120 * 60_000, day.open + 30 * 60_000, day.open + 31 * 60_000, day.close + 60 * 60_000]) {
      const session = feed.barsOf([symbol], day.open - 60_000, until).get(symbol)!.filter((b) => feed.barEnd(symbol, b.t) > day.open && feed.barEnd(symbol, b.t) <= Math.min(until, day.close));
      expect(session.length).toBeGreaterThan(0);
      expect(feed.sessionBar(symbol, day.date, until)).toEqual(mergeBars(newYorkTime(day.date, '00:00'), session));
    }
  });
});
