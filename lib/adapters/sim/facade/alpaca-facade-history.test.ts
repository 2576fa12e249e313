import { describe, expect, it } from 'vitest';
import { newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import { validateResponse } from '../../../../test/support/openapi.ts';
import { createSyntheticMarket } from '../market/synthetic-market.ts';
import { SimMarketData } from '../sim-market-data.ts';
import { NO_NEWS_LATENCY, SimNewsSource } from '../sim-news-source.ts';
import { manualClock } from '../broker/sim-broker-fixture.ts';
import { SimBroker } from '../broker/sim-broker.ts';
import { createAlpacaFacade } from './alpaca-facade.ts';
import { SPEC_RELAXATIONS } from './spec-relaxations.test-support.ts';

type Json = Record<string, any>;

const market = createSyntheticMarket({ seed: 7, start: '2026-04-20', symbols: 6, crypto: 2, newsRate: 6 });
const stocks = market.assets().filter((a) => a.assetClass === 'us_equity').map((a) => a.symbol).sort();
const pairs = market.assets().filter((a) => a.assetClass === 'crypto').map((a) => a.symbol).sort();

function facadeAt(now: number, rateLimit?: { perMinute: number; now: () => number }) {
  const clock = manualClock(now);
  const facade = createAlpacaFacade({
    broker: new SimBroker({ feed: market, clock }),
    marketData: new SimMarketData(market, clock),
    // The versions themselves are under test, not how late they reach a poller.
    news: new SimNewsSource(market, clock, 'sim', NO_NEWS_LATENCY),
    clock,
    credentials: [{ keyId: 'K', secretKey: 'S' }],
    ...(rateLimit ? { rateLimit } : {}),
  });
  const get = (pathAndQuery: string) => {
    const url = new URL(pathAndQuery, 'http://x');
    return facade.handle({ method: 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: { 'apca-api-key-id': 'K', 'apca-api-secret-key': 'S' }, body: '' });
  };
  return { clock, get };
}

/** Every page of a bars request, each validated against the spec; the bars merged per symbol. */
async function allPages(get: (p: string) => Promise<{ status: number; body?: unknown }>, path: string, specPath: string, query: string) {
  const merged = new Map<string, number[]>();
  let token: string | null = null;
  let pages = 0;
  do {
    const res = await get(`${path}?${query}${token ? `&page_token=${token}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(validateResponse('market-data', specPath, 'get', 200, res.body, path.includes('crypto') ? [] : SPEC_RELAXATIONS.barsWithoutCounts), specPath).toEqual([]);
    const body = res.body as Json;
    for (const [s, bars] of Object.entries(body.bars as Record<string, Json[]>)) merged.set(s, [...(merged.get(s) ?? []), ...bars.map((b) => Date.parse(b.t))]);
    token = body.next_page_token;
    pages++;
  } while (token);
  return { merged, pages };
}

describe('Alpaca facade history routes', () => {
  const after = newYorkTime('2026-05-20', '12:00');

  it('pages_historical_stock_bars_across_symbols_to_exactly_the_markets_bars', async () => {
    const { get } = facadeAt(after);
    const from = newYorkTime('2026-05-11', '00:00');
    const to = newYorkTime('2026-05-13', '00:00');
    const { merged, pages } = await allPages(get, '/v2/stocks/bars', '/v2/stocks/bars', `symbols=${stocks.join(',')}&timeframe=1Min&start=${new Date(from).toISOString()}&end=${new Date(to - 1).toISOString()}&limit=1000&feed=iex&adjustment=split`);
    const truth = market.barsOf(stocks, from, to);
    expect(pages).toBeGreaterThan(3);
    for (const s of stocks) expect(merged.get(s), s).toEqual((truth.get(s) ?? []).map((b) => b.t));
  });

  it('pages_historical_crypto_bars_on_the_v1beta3_route', async () => {
    const { get } = facadeAt(after);
    const from = newYorkTime('2026-05-16', '00:00');
    const to = newYorkTime('2026-05-17', '00:00');
    const { merged, pages } = await allPages(get, '/v1beta3/crypto/us/bars', '/v1beta3/crypto/{loc}/bars', `symbols=${pairs.join(',')}&timeframe=5Min&start=${new Date(from).toISOString()}&end=${new Date(to - 1).toISOString()}&limit=100`);
    expect(pages).toBeGreaterThan(1);
    for (const s of pairs) expect(merged.get(s)?.length, s).toBe(288);
  });

  it('refuses_bad_feed_adjustment_and_symbols_of_the_other_market_with_400', async () => {
    const { get } = facadeAt(after);
    const base = `/v2/stocks/bars?symbols=${stocks[0]}&timeframe=1Day&start=2026-05-01`;
    expect((await get(`${base}&feed=nasdaq`)).status).toBe(400);
    expect((await get(`${base}&adjustment=splits`)).body).toMatchObject({ message: expect.stringContaining('adjustment') });
    expect((await get(`${base}&adjustment=split,dividend`)).status).toBe(200);
    expect((await get(`/v2/stocks/bars?symbols=${pairs[0]}&timeframe=1Day`)).status).toBe(400);
    expect((await get(`/v1beta3/crypto/us/bars?symbols=${stocks[0]}&timeframe=1Day`)).status).toBe(400);
    expect((await get(`/v1beta3/crypto/xx/bars?symbols=${pairs[0]}&timeframe=1Day`)).status).toBe(404);
  });

  it('serves_each_news_story_as_known_at_the_clock_with_created_at_and_updated_at', async () => {
    const events = market.newsEventsBetween(newYorkTime('2026-05-04', '00:00'), newYorkTime('2026-05-19', '00:00'));
    const updated = events.find((e) => e.versions.length === 2 && e.symbol !== null && !e.symbol.includes('/'))!;
    expect(updated).toBeDefined();
    const [first, second] = updated.versions as [NonNullable<(typeof updated.versions)[0]>, NonNullable<(typeof updated.versions)[0]>];
    const query = `/v1beta1/news?symbols=${updated.symbol}&start=${new Date(first.publishedAt - 1).toISOString()}&end=${new Date(second.version + 60_000).toISOString()}&sort=asc&limit=50`;
    const story = async (now: number) => {
      const res = await facadeAt(now).get(query);
      expect(validateResponse('market-data', '/v1beta1/news', 'get', 200, res.body, SPEC_RELAXATIONS.news)).toEqual([]);
      return (res.body as Json).news.filter((n: Json) => n.headline === first.headline || n.headline === second.headline);
    };
    // Between the two versions: the first, created_at = updated_at; afterwards: the update, created_at kept.
    expect(await story(first.version + 1)).toEqual([expect.objectContaining({ headline: first.headline, created_at: new Date(first.publishedAt).toISOString(), updated_at: new Date(first.version).toISOString() })]);
    expect(await story(after)).toEqual([expect.objectContaining({ headline: second.headline, created_at: new Date(first.publishedAt).toISOString(), updated_at: new Date(second.version).toISOString() })]);
  });

  it('answers_429_with_rate_limit_headers_beyond_the_requests_a_minute_per_host', async () => {
    let wall = 1_800_000_000_000;
    const { get } = facadeAt(after, { perMinute: 3, now: () => wall });
    const bars = `/v2/stocks/bars?symbols=${stocks[0]}&timeframe=1Day&start=2026-05-01`;
    const answers = [await get(bars), await get(bars), await get(bars), await get(bars)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[2]!.headers).toMatchObject({ 'X-RateLimit-Limit': '3', 'X-RateLimit-Remaining': '0' });
    expect(answers[3]!.body).toEqual({ code: 42910000, message: 'too many requests' });
    expect((await get('/v2/clock')).status).toBe(200);
    wall += 60_000;
    expect((await get(bars)).status).toBe(200);
  });
});
