import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../../test/support/shared-data.ts';
import { validateResponse, type Relaxation, type SpecName } from '../../../../test/support/openapi.ts';
import { alpacaClientAt, FACADE_KEYS } from '../../../../test/support/alpaca-at.ts';
import type { AlpacaFetch } from '../../alpaca/alpaca.client.ts';
import { AlpacaBroker } from '../../alpaca/alpaca.broker.ts';
import { AlpacaMarketData } from '../../alpaca/alpaca.market-data.ts';
import { AlpacaNewsSource } from '../../alpaca/alpaca.news.ts';
import { calendarBetween, calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import { createSyntheticMarket } from '../market/synthetic-market.ts';
import { SimMarketData } from '../sim-market-data.ts';
import { SimNewsSource } from '../sim-news-source.ts';
import { manualClock } from '../broker/sim-broker-fixture.ts';
import { SimBroker } from '../broker/sim-broker.ts';
import { startAlpacaFacade, type RunningFacade } from './alpaca-facade.ts';
import { SPEC_RELAXATIONS } from './spec-relaxations.test-support.ts';
import { decimal } from './wire-format.ts';

/** Every JSON body the adapter received, as the SDK's fetch saw it (the requests themselves are untouched). */
interface Seen {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** Alpaca path → the OpenAPI operation that documents it (and the documented relaxations it needs). */
const ROUTES: [string, RegExp, SpecName, string, readonly Relaxation[]][] = [
  ['GET', /^\/v2\/account$/, 'trading', '/v2/account', []],
  ['GET', /^\/v2\/clock$/, 'trading', '/v2/clock', []],
  ['GET', /^\/v2\/calendar$/, 'trading', '/v2/calendar', []],
  ['GET', /^\/v2\/assets$/, 'trading', '/v2/assets', []],
  ['GET', /^\/v2\/assets\/[^/]+$/, 'trading', '/v2/assets/{symbol_or_asset_id}', []],
  ['GET', /^\/v2\/positions$/, 'trading', '/v2/positions', []],
  ['DELETE', /^\/v2\/positions\/[^/]+$/, 'trading', '/v2/positions/{symbol_or_asset_id}', []],
  ['POST', /^\/v2\/orders$/, 'trading', '/v2/orders', []],
  ['GET', /^\/v2\/orders$/, 'trading', '/v2/orders', []],
  ['GET', /^\/v2\/orders:by_client_order_id$/, 'trading', '/v2/orders:by_client_order_id', []],
  ['GET', /^\/v2\/orders\/[^/]+$/, 'trading', '/v2/orders/{order_id}', []],
  ['PATCH', /^\/v2\/orders\/[^/]+$/, 'trading', '/v2/orders/{order_id}', []],
  // The {activity_type} operation's oneOf cannot tell its two open schemas apart (alpaca-spec-gaps.test.ts):
  // its items are checked where the spec uses anyOf of the same schemas.
  ['GET', /^\/v2\/account\/activities\/FILL$/, 'trading', '/v2/account/activities', []],
  ['GET', /^\/v2\/stocks\/bars$/, 'market-data', '/v2/stocks/bars', []],
  ['GET', /^\/v2\/stocks\/trades\/latest$/, 'market-data', '/v2/stocks/trades/latest', []],
  ['GET', /^\/v2\/stocks\/quotes\/latest$/, 'market-data', '/v2/stocks/quotes/latest', []],
  ['GET', /^\/v2\/stocks\/snapshots$/, 'market-data', '/v2/stocks/snapshots', []],
  ['GET', /^\/v1beta1\/screener\/stocks\/most-actives$/, 'market-data', '/v1beta1/screener/stocks/most-actives', []],
  ['GET', /^\/v1beta1\/screener\/stocks\/movers$/, 'market-data', '/v1beta1/screener/{market_type}/movers', []],
  ['GET', /^\/v1beta1\/news$/, 'market-data', '/v1beta1/news', SPEC_RELAXATIONS.news],
];

/** Numbers at the wire's precision (Alpaca's decimal strings carry nine places); Maps as objects. */
function norm(x: unknown): unknown {
  if (typeof x === 'number') return Number(decimal(x));
  if (x instanceof Map) return Object.fromEntries([...x].map(([k, v]) => [k, norm(v)]));
  if (Array.isArray(x)) return x.map(norm);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, norm(v)]));
  return x;
}

const DAY = calendarDay('2026-05-12')!;

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('the production Alpaca adapters, unmodified, against the facade over HTTP', () => {
  const market = createSyntheticMarket({ seed: 5, start: '2026-05-04', symbols: 12 });
  const clock = manualClock(DAY.open + 45 * MINUTE_MS);
  const simData = new SimMarketData(market, clock);
  const simNews = new SimNewsSource(market, clock);
  const seen: Seen[] = [];
  const facadeErrors: unknown[] = [];
  let running: RunningFacade;
  let broker: AlpacaBroker;
  let data: AlpacaMarketData;
  let news: AlpacaNewsSource;

  beforeAll(async () => {
    running = await startAlpacaFacade({
      broker: new SimBroker({ feed: market, clock }), marketData: simData, news: simNews, clock, credentials: [FACADE_KEYS], port: 0,
      onError: (e) => void facadeErrors.push(e),
    });
    // The SDK's own fetch does the request; a copy of each answer is kept to validate against the specs.
    const recording: AlpacaFetch = async (url, init) => {
      const res = await fetch(url, init);
      const text = await res.clone().text();
      seen.push({ method: init.method ?? 'GET', path: new URL(url).pathname, status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined });
      return res;
    };
    const client = alpacaClientAt(running.url, clock, { fetchApi: recording });
    broker = new AlpacaBroker(client);
    data = new AlpacaMarketData(client);
    news = new AlpacaNewsSource(client);
  });
  afterAll(async () => {
    await running.close();
  });

  it('drives_account_clock_calendar_assets_bars_snapshots_news_and_a_bracket_round_trip_through_the_sdk', async () => {
    // Account, clock, calendar, assets.
    expect(await broker.getAccount()).toMatchObject({ status: 'ACTIVE', cash: 100_000, equity: 100_000, buyingPower: 200_000, multiplier: 2 });
    expect(await broker.getClock()).toMatchObject({ isOpen: true, nextClose: DAY.close });
    expect(await broker.getCalendar('2026-05-01', '2026-05-31')).toEqual(calendarBetween('2026-05-01', '2026-05-31'));
    const equities = market.assets().filter((a) => a.assetClass === 'us_equity');
    const assets = await broker.getAssets();
    expect(assets.map((a) => a.symbol).sort()).toEqual(equities.map((a) => a.symbol).sort());
    expect(await broker.getAsset(equities[0]!.symbol)).toEqual(equities[0]);
    expect(await broker.getAsset('NOPE')).toBeNull();

    // Market data through HTTP equals the simulator's own answers (multi-symbol, paginated bars included).
    const symbols = equities.slice(0, 4).map((a) => a.symbol);
    for (const query of [
      { symbols, timeframe: '1Min' as const, start: DAY.open, pageLimit: 37 },
      { symbols, timeframe: '5Min' as const, start: DAY.open },
      { symbols, timeframe: '1Day' as const, start: Date.parse('2026-05-04T00:00:00Z') },
    ]) {
      const bars = await data.getBars(query);
      expect(norm(bars)).toEqual(norm(await simData.getBars(query)));
      expect([...bars.values()].flat().length).toBeGreaterThan(0);
    }
    expect(norm(await data.getLatestTrades(symbols))).toEqual(norm(await simData.getLatestTrades(symbols)));
    expect(norm(await data.getLatestQuotes(symbols))).toEqual(norm(await simData.getLatestQuotes(symbols)));
    const snapshots = await data.getSnapshots(symbols);
    expect(norm(snapshots)).toEqual(norm(await simData.getSnapshots(symbols)));
    expect(snapshots.get(symbols[0]!)).toMatchObject({ latestTrade: expect.any(Object), latestQuote: expect.any(Object), minuteBar: expect.any(Object), dailyBar: expect.any(Object) });
    expect(norm(await data.getMostActives({ by: 'volume', top: 5 }))).toEqual(norm(await simData.getMostActives({ by: 'volume', top: 5 })));
    expect(norm(await data.getMovers({ top: 3, market: 'stocks' }))).toEqual(norm(await simData.getMovers({ top: 3, market: 'stocks' })));

    // News, every version since the start of the week, nothing from the future.
    const since = Date.parse('2026-05-04T00:00:00Z');
    const got = await news.fetchSince({ since });
    const want = await simNews.fetchSince({ since });
    expect(got.skipped).toEqual([]);
    expect(got.items.length).toBeGreaterThan(0);
    // Alpaca's news ids are integers: the facade gives each simulated story a stable numeric id.
    const key = (i: { version: number; headline: string; symbols: string[]; publishedAt: number }) => `${i.version} ${i.headline} [${[...i.symbols].sort()}] ${i.publishedAt}`;
    expect(got.items.map(key).sort()).toEqual(want.items.map(key).sort());
    expect(got.items.every((i) => /^\d+$/.test(i.sourceId))).toBe(true);
    expect(Math.max(...got.items.map((i) => i.version))).toBeLessThanOrEqual(clock.now());

    // A bracket order, its fill, the position, a trailed stop, closing it.
    const symbol = [...(await data.getSnapshots(symbols)).values()].sort((a, b) => (b.dailyBar?.v ?? 0) - (a.dailyBar?.v ?? 0))[0]!.symbol;
    const price = (await data.getLatestTrades([symbol])).get(symbol)!.price;
    const cents = (x: number) => Math.round(x * 100) / 100;
    const placed = await broker.submitOrder({
      clientOrderId: 'session-bracket', symbol, side: 'buy', type: 'market', timeInForce: 'day', qty: 10,
      orderClass: 'bracket', takeProfit: { limitPrice: cents(price * 1.03) }, stopLoss: { stopPrice: cents(price * 0.97) },
    });
    expect(placed.status).toBe('accepted');
    if (placed.status !== 'accepted') return;
    expect(placed.order).toMatchObject({ clientOrderId: 'session-bracket', orderClass: 'bracket', status: 'new', qty: 10 });
    expect(placed.order.legs.map((l) => [l.type, l.side])).toEqual([['limit', 'sell'], ['stop', 'sell']]);
    expect(await broker.submitOrder({ clientOrderId: 'session-bracket', symbol, side: 'buy', type: 'market', timeInForce: 'day', qty: 10 })).toMatchObject({ status: 'duplicate', order: { id: placed.order.id } });
    expect(await broker.submitOrder({ clientOrderId: 'session-too-big', symbol, side: 'buy', type: 'market', timeInForce: 'day', qty: 1_000_000 })).toMatchObject({ status: 'rejected', reason: 'insufficient_buying_power', httpStatus: 403 });

    clock.advance(3 * MINUTE_MS);
    const filled = (await broker.getOrder(placed.order.id))!;
    expect(filled).toMatchObject({ status: 'filled', filledQty: 10 });
    expect((await broker.getOrderByClientOrderId('session-bracket'))!.id).toBe(placed.order.id);
    expect(await broker.getOrderByClientOrderId('never-sent')).toBeNull();
    const fills = (await broker.getFills({})).fills.filter((f) => f.orderId === placed.order.id);
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBe(10);
    expect(fills.reduce((s, f) => s + f.qty * f.price, 0) / 10).toBeCloseTo(filled.filledAvgPrice!, 6);
    expect(await broker.getPositions()).toMatchObject([{ symbol, side: 'long', qty: 10 }]);

    const stopLeg = filled.legs.find((l) => l.type === 'stop')!;
    const trailed = await broker.replaceOrder(stopLeg.id, { stopPrice: cents(price * 0.98) });
    expect(trailed).toMatchObject({ replaces: stopLeg.id, stopPrice: cents(price * 0.98), type: 'stop' });
    const takeProfit = filled.legs.find((l) => l.type === 'limit')!;
    await broker.cancelOrder(takeProfit.id);
    // The cancel is asynchronous, as at Alpaca: both exits show pending_cancel and still hold the shares.
    expect((await broker.listOrders({ status: 'open', nested: false })).map((o) => o.status)).toEqual(['pending_cancel', 'pending_cancel']);
    await expect(broker.closePosition(symbol)).rejects.toMatchObject({ message: expect.stringContaining('insufficient qty available for order') });
    clock.advance(5_000);
    expect(await broker.listOrders({ status: 'open', nested: false })).toEqual([]);
    const closing = await broker.closePosition(symbol);
    expect(closing).toMatchObject({ symbol, side: 'sell', type: 'market', qty: 10 });
    clock.advance(2 * MINUTE_MS);
    expect(await broker.getPositions()).toEqual([]);
    expect((await broker.getOrder(closing.id))!.status).toBe('filled');
    const after = await broker.getAccount();
    expect(after.equity).toBeCloseTo(after.cash, 6);
    expect(after.cash).not.toBe(100_000);
    const closingFills = (await broker.getFills({})).fills.filter((f) => f.orderId === closing.id);
    expect(closingFills.map((f) => f.side)).toContain('sell');
    expect(closingFills.reduce((s, f) => s + f.qty, 0)).toBe(10);

    // Every answer the adapters received is shaped as Alpaca's OpenAPI specs say, and the facade never failed.
    const problems: string[] = [];
    for (const s of seen.filter((x) => x.status >= 200 && x.status < 300 && x.body !== undefined)) {
      const route = ROUTES.find(([m, re]) => m === s.method && re.test(s.path));
      if (!route) {
        problems.push(`no spec route for ${s.method} ${s.path}`);
        continue;
      }
      const [, , spec, template, relax] = route;
      problems.push(...validateResponse(spec, template, s.method.toLowerCase(), s.status, s.body, relax).map((e) => `${s.method} ${s.path}: ${e}`));
    }
    expect(problems).toEqual([]);
    expect(new Set(seen.map((s) => `${s.method} ${ROUTES.find(([m, re]) => m === s.method && re.test(s.path))?.[3] ?? s.path}`)).size).toBeGreaterThanOrEqual(18);
    expect(facadeErrors).toEqual([]);
    expect(broker.stats().calls).toBeGreaterThan(15);
  });
});
