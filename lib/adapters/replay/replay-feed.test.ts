import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import type { Bar } from '../../domain/market.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { SimMarketData } from '../sim/sim-market-data.ts';
import { SimNewsSource } from '../sim/sim-news-source.ts';
import { parseBarCsv } from './bar-csv.import.ts';
import { parseTweetsCsv } from './tweets-csv.import.ts';
import { PgHistoryRepo } from './history.repo.ts';
import { importHistoryFile } from './import-files.ts';
import { loadReplayFeed } from './load-replay-feed.ts';
import { createReplayFeed } from './replay-feed.ts';
import { HAS_SHARED_DATA, sharedFile } from './shared-data.test-support.ts';

const read = (relative: string) => readFileSync(sharedFile(relative), 'utf8');

describe.skipIf(!HAS_SHARED_DATA)('ReplayFeed over ../shared/data (AAPL and MSFT minutes, AAPL daily bars and tweets)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('replays_exactly_the_imported_minute_bars', async () => {
    const repo = new PgHistoryRepo(db.pool);
    for (const f of ['AAPL_Minute.csv', 'MSFT_Minute.csv']) await importHistoryFile(repo, sharedFile(`bars/minute/${f}`), f);
    const imported = ['AAPL', 'MSFT'].map((s) => parseBarCsv(read(`bars/minute/${s}_Minute.csv`), { file: s }).bars.map((b) => b.bar));
    const feed = await loadReplayFeed(repo, { from: Date.parse('2021-08-01T00:00:00Z'), to: Date.parse('2021-09-01T00:00:00Z') });
    const all = feed.barsOf(['AAPL', 'MSFT'], Date.parse('2021-08-01T00:00:00Z'), Date.parse('2021-09-01T00:00:00Z'));
    expect([all.get('AAPL'), all.get('MSFT')]).toEqual(imported);

    const day = calendarDay('2021-08-24')!;
    const data = new SimMarketData(feed, { now: () => day.close + 60_000 });
    const bars = await data.getBars({ symbols: ['MSFT', 'AAPL'], timeframe: '1Min', start: day.open, pageLimit: 100 });
    expect(bars.get('AAPL')).toEqual(imported[0]!.filter((b) => b.t >= day.open && b.t < day.close));
    expect(data.stats().byEndpoint.bars).toBe(8);
    const [daily] = (await data.getBars({ symbols: ['AAPL'], timeframe: '1Day', start: newYorkTime(day.date, '00:00') })).get('AAPL')!;
    const session = imported[0]!.filter((b) => b.t >= day.open && b.t < day.close);
    expect(daily).toMatchObject({ o: session[0]!.o, c: session.at(-1)!.c, h: Math.max(...session.map((b) => b.h)), v: session.reduce((s, b) => s + b.v, 0) });

    const minute = [...feed.barsBetween(day.open, day.open + 2 * 60_000)];
    expect(minute.map((x) => `${x.symbol}@${x.bar.t}`)).toEqual([`AAPL@${day.open + 60_000}`, `MSFT@${day.open + 60_000}`].map((s) => s.replace(String(day.open + 60_000), String(day.open))).concat([`AAPL@${day.open + 60_000}`, `MSFT@${day.open + 60_000}`]));
    expect(feed.quoteAt('AAPL', day.open + 90_000)).toMatchObject({ t: day.open + 60_000, bidPrice: Math.round(session[0]!.c * 100) / 100 });
  });

  it('replays_daily_bars_at_the_close_with_the_tweets_known_by_then', async () => {
    const daily = parseBarCsv(read('bars/daily/AAPL.csv'), { file: 'AAPL.csv' }).bars.map((b) => b.bar);
    // January 2014 only (the file has one tweet per line): enough to join with the daily bars.
    const january = read('news/tweets/AAPL.csv').split('\n').filter((line, i) => i === 0 || line.startsWith('2014-01')).join('\n');
    const tweets = parseTweetsCsv(january, { file: 'AAPL.csv' }).items;
    const feed = createReplayFeed({ series: [{ symbol: 'AAPL', timeframe: '1Day', bars: daily }], news: tweets });
    const monday = calendarDay('2014-01-06')!;
    let now = monday.open + 3_600_000;
    const data = new SimMarketData(feed, { now: () => now });
    const lastBar = async (): Promise<Bar> => (await data.getBars({ symbols: ['AAPL'], timeframe: '1Day', start: Date.parse('2014-01-01T00:00:00Z') })).get('AAPL')!.at(-1)!;
    expect((await lastBar()).t).toBe(newYorkTime('2014-01-03', '00:00'));
    now = monday.close;
    expect(await lastBar()).toEqual(daily.find((b) => b.t === newYorkTime('2014-01-06', '00:00')));
    expect([...feed.barsBetween(monday.close - 1, monday.close)].map((x) => x.bar.t)).toEqual([newYorkTime('2014-01-06', '00:00')]);
    const news = await new SimNewsSource(feed, { now: () => now }, 'tweets').fetchSince({ since: Date.parse('2014-01-06T00:00:00Z') });
    expect(news.items.length).toBeGreaterThan(10);
    expect(news.items.every((i) => i.version <= now && i.receivedAt === now && i.symbols[0] === 'AAPL')).toBe(true);
  });
});

describe('ReplayFeed with daily context before an intraday window', () => {
  const day = (date: string, c: number): Bar => ({ t: newYorkTime(date, '00:00'), o: c, h: c + 1, l: c - 1, c, v: 1_000 });
  const minute = (date: string, hhmm: string, c: number): Bar => ({ t: newYorkTime(date, hhmm), o: c, h: c, l: c, c, v: 10 });
  const feed = createReplayFeed({
    series: [
      { symbol: 'XYZ', timeframe: '1Day', bars: [day('2026-11-12', 10), day('2026-11-13', 11), day('2026-11-16', 99)] },
      { symbol: 'XYZ', timeframe: '1Min', bars: [minute('2026-11-16', '09:30', 12), minute('2026-11-16', '09:31', 13)] },
    ],
  });

  it('serves_context_days_as_daily_bars_and_the_window_day_from_its_minutes', async () => {
    const data = new SimMarketData(feed, { now: () => newYorkTime('2026-11-16', '09:32') });
    const daily = (await data.getBars({ symbols: ['XYZ'], timeframe: '1Day', start: newYorkTime('2026-11-01', '00:00') })).get('XYZ')!;
    // The stored daily bar of the window's own day (c = 99) is ignored: that day is replayed from minutes.
    expect(daily.map((b) => [b.t, b.c])).toEqual([[newYorkTime('2026-11-12', '00:00'), 10], [newYorkTime('2026-11-13', '00:00'), 11], [newYorkTime('2026-11-16', '00:00'), 13]]);
    const minutes = (await data.getBars({ symbols: ['XYZ'], timeframe: '1Min', start: newYorkTime('2026-11-13', '13:00') })).get('XYZ')!;
    expect(minutes.map((b) => b.c)).toEqual([12, 13]);
    expect(feed.barEnd('XYZ', newYorkTime('2026-11-13', '00:00'))).toBe(calendarDay('2026-11-13')!.close);
    // The quote straddles the last close (11); with $10,000 a day traded the spread is the model's 100 bps cap.
    const quote = feed.quoteAt('XYZ', newYorkTime('2026-11-16', '09:00'))!;
    expect(quote.bidPrice).toBeLessThan(11);
    expect(quote.askPrice).toBeGreaterThan(11);
    expect(quote.askPrice - quote.bidPrice).toBeCloseTo(0.11, 6);
  });

  it('refuses_two_intraday_series_for_one_symbol', () => {
    const series = [{ symbol: 'XYZ', timeframe: '1Min' as const, bars: [] }, { symbol: 'XYZ', timeframe: '5Min' as const, bars: [] }];
    expect(() => createReplayFeed({ series })).toThrow(/2 series for XYZ \(1Min, 5Min\)/);
  });
});
