import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import type { NewsItem } from '../../../domain/news.ts';
import { calendarBetween } from '../../../domain/calendar/nyse-calendar.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import { createFakeSimFeed, cryptoAsset, equityAsset, randomWalkBars, type FakeSimFeed } from '../broker/fake-sim-feed.ts';
import { manualClock, ny, type ManualClock } from '../broker/sim-broker-fixture.ts';
import { SimBroker } from '../broker/sim-broker.ts';
import { createAlpacaFacade, type AlpacaFacade } from './alpaca-facade.ts';
import { createFakeMarketData, createFakeNewsSource } from './fake-market-data.ts';
import type { FacadeResponse } from './http-kit.ts';

/** The key pair the facade tests call with. */
export const KEYS = { keyId: 'PKTEST0000000001', secretKey: 'sim-secret-0000000000000000000000000001' };

function newsItem(n: number, symbols: string[], publishedAt: EpochMs, headline: string): NewsItem {
  return {
    source: 'sim',
    sourceId: String(1000 + n),
    version: publishedAt,
    publishedAt,
    receivedAt: publishedAt,
    headline,
    summary: `${headline}: what happened and why it matters.`,
    url: `https://news.example/sim/${1000 + n}`,
    symbols,
    contentHash: `hash-${n}`,
    meta: { author: 'Sim Newsroom' },
  };
}

/** A facade over a simulated broker, fake market data and news, and a hand-moved clock. */
export interface FacadeHarness {
  facade: AlpacaFacade;
  feed: FakeSimFeed;
  broker: SimBroker;
  clock: ManualClock;
  /** Calls the facade with the test's API keys (or the given headers). */
  call(method: string, pathAndQuery: string, body?: unknown, headers?: Record<string, string>): Promise<FacadeResponse>;
}

/** Two trading days of minute bars for AAPL and MSFT (and BTC/USD around the clock), three news items, the clock at 10:00 on the second day. */
export function facadeHarness(days: { from: IsoDate; to: IsoDate } = { from: '2026-03-09', to: '2026-03-10' }): FacadeHarness {
  const assets = [equityAsset('AAPL'), equityAsset('MSFT', { exchange: 'NYSE' }), cryptoAsset('BTC/USD')];
  const feed = createFakeSimFeed({ assets });
  const minutes: EpochMs[] = [];
  for (const day of calendarBetween(days.from, days.to)) for (let t = day.open; t < day.close; t += MINUTE_MS) minutes.push(t);
  for (const [s, bars] of randomWalkBars(['AAPL', 'MSFT'], minutes, 11)) feed.addBars(s, bars.map((b) => ({ ...b, v: Math.round(b.v * 10) })));
  const around: EpochMs[] = [];
  for (let t = ny('00:00', days.from); t < ny('23:59', days.to); t += MINUTE_MS) around.push(t);
  for (const [s, bars] of randomWalkBars(['BTC/USD'], around, 12)) feed.addBars(s, bars.map((b) => ({ ...b, o: b.o * 500, h: b.h * 500, l: b.l * 500, c: b.c * 500, vw: b.vw! * 500 })));
  feed.addNews([
    newsItem(1, ['AAPL'], ny('08:00', days.to), 'Apple unveils a new chip'),
    newsItem(2, ['MSFT'], ny('09:00', days.to), 'Microsoft wins a cloud contract'),
    newsItem(3, ['AAPL', 'MSFT'], ny('09:45', days.to), 'Tech rallies before the open'),
    newsItem(4, ['AAPL'], ny('12:00', days.to), 'Tomorrow news that must not leak'),
  ]);
  const clock = manualClock(ny('10:00', days.to));
  const broker = new SimBroker({ feed, clock });
  const facade = createAlpacaFacade({
    broker,
    marketData: createFakeMarketData(feed, clock),
    news: createFakeNewsSource(feed, clock),
    clock,
    credentials: [KEYS, { keyId: 'PKSECOND', secretKey: 'second-secret' }],
  });
  const call: FacadeHarness['call'] = (method, pathAndQuery, body, headers) => {
    const url = new URL(pathAndQuery, 'http://facade.local');
    return facade.handle({
      method,
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: headers ?? { 'apca-api-key-id': KEYS.keyId, 'apca-api-secret-key': KEYS.secretKey },
      body: body === undefined ? '' : JSON.stringify(body),
    });
  };
  return { facade, feed, broker, clock, call };
}
