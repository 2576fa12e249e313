import { describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../../test/support/shared-data.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { validateResponse, type Relaxation, type SpecName } from '../../../../test/support/openapi.ts';
import { createSyntheticMarket } from '../market/synthetic-market.ts';
import { SimMarketData } from '../sim-market-data.ts';
import { SimNewsSource } from '../sim-news-source.ts';
import { manualClock } from '../broker/sim-broker-fixture.ts';
import { SimBroker } from '../broker/sim-broker.ts';
import { createAlpacaFacade } from './alpaca-facade.ts';
import type { FacadeResponse } from './http-kit.ts';
import { SPEC_RELAXATIONS } from './spec-relaxations.test-support.ts';

type Json = Record<string, any>;

function valid(res: FacadeResponse, spec: SpecName, path: string, relax: readonly Relaxation[] = []): Json {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(validateResponse(spec, path, 'get', 200, res.body, relax), path).toEqual([]);
  return res.body as Json;
}

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('Alpaca facade over the synthetic market', () => {
  it('serves_the_synthetic_markets_data_and_fills_in_alpaca_shapes', async () => {
    const market = createSyntheticMarket({ seed: 5, start: '2026-05-04', symbols: 8, crypto: 1 });
    const day = calendarDay('2026-05-12')!;
    const clock = manualClock(day.open + 45 * 60_000);
    const broker = new SimBroker({ feed: market, clock });
    const keys = { keyId: 'K', secretKey: 'S' };
    const facade = createAlpacaFacade({ broker, marketData: new SimMarketData(market, clock), news: new SimNewsSource(market, clock), clock, credentials: [keys] });
    const get = (path: string) => {
      const url = new URL(path, 'http://x');
      return facade.handle({ method: 'GET', path: url.pathname, query: url.searchParams, headers: { 'apca-api-key-id': 'K', 'apca-api-secret-key': 'S' }, body: '' });
    };
    const symbols = market.assets().filter((a) => a.assetClass === 'us_equity').slice(0, 3).map((a) => a.symbol);
    const list = symbols.join(',');
    valid(await get('/v2/assets?asset_class=us_equity'), 'trading', '/v2/assets');
    const bars = valid(await get(`/v2/stocks/bars?symbols=${list}&timeframe=5Min&start=2026-05-12T13:30:00Z&limit=10`), 'market-data', '/v2/stocks/bars');
    expect(Object.values(bars.bars).flat()).toHaveLength(10);
    expect(bars.next_page_token).not.toBeNull();
    valid(await get(`/v2/stocks/snapshots?symbols=${list}`), 'market-data', '/v2/stocks/snapshots');
    valid(await get(`/v2/stocks/trades/latest?symbols=${list}`), 'market-data', '/v2/stocks/trades/latest');
    valid(await get(`/v2/stocks/quotes/latest?symbols=${list}`), 'market-data', '/v2/stocks/quotes/latest');
    valid(await get('/v1beta1/screener/stocks/most-actives'), 'market-data', '/v1beta1/screener/stocks/most-actives');
    valid(await get('/v1beta1/screener/stocks/movers'), 'market-data', '/v1beta1/screener/{market_type}/movers');
    const news = valid(await get('/v1beta1/news?limit=5'), 'market-data', '/v1beta1/news', SPEC_RELAXATIONS.news);
    for (const item of news.news) expect(Date.parse(item.updated_at)).toBeLessThanOrEqual(clock.now());

    const outcome = await broker.submitOrder({ clientOrderId: 'syn-1', symbol: symbols[0]!, side: 'buy', type: 'market', timeInForce: 'day', qty: 3 });
    expect(outcome.status).toBe('accepted');
    clock.advance(2 * 60_000);
    const positions = valid(await get('/v2/positions'), 'trading', '/v2/positions');
    expect(positions).toMatchObject([{ symbol: symbols[0], qty: '3', side: 'long' }]);
    const [fill] = (await broker.getFills({})).fills;
    // Filled at the ask in force at the open of the first bar that started after the order was sent (it arrives
    // 300-500 ms later, inside that bar), plus slippage (1 bp, 50 bps x participation, 0.3 x the bar's range x
    // sqrt(participation)).
    const firstBar = market.barsOf([symbols[0]!], day.open + 45 * 60_000, day.open + 46 * 60_000).get(symbols[0]!)![0]!;
    const quote = market.quoteAt(symbols[0]!, firstBar.t)!;
    expect(quote.bidPrice).toBeLessThanOrEqual(firstBar.o);
    expect(quote.askPrice).toBeGreaterThanOrEqual(firstBar.o);
    const share = Math.min(1, 3 / firstBar.v);
    const bps = 1 + 50 * share + 0.3 * ((firstBar.h - firstBar.l) / firstBar.o) * 10_000 * Math.sqrt(share);
    expect(fill!.price).toBeGreaterThanOrEqual(quote.askPrice);
    expect(fill!.price).toBeCloseTo(quote.askPrice * (1 + bps / 10_000), 4);
  });
});
