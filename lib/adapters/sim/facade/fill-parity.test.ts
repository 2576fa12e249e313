import { describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../../test/support/shared-data.ts';
import type { Broker } from '../../../ports/broker.port.ts';
import type { Order, OrderRequest } from '../../../domain/orders.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import { isAppError } from '../../../shared/errors.ts';
import { alpacaClientAt, FACADE_KEYS } from '../../../../test/support/alpaca-at.ts';
import { AlpacaBroker } from '../../alpaca/alpaca.broker.ts';
import { createSyntheticMarket, type SyntheticMarket } from '../market/synthetic-market.ts';
import { SimMarketData } from '../sim-market-data.ts';
import { SimNewsSource } from '../sim-news-source.ts';
import { manualClock, type ManualClock } from '../broker/sim-broker-fixture.ts';
import { SimBroker } from '../broker/sim-broker.ts';
import { startAlpacaFacade } from './alpaca-facade.ts';
import { decimal } from './wire-format.ts';

const DAY = calendarDay('2026-05-12')!;
const START = DAY.open + 30 * MINUTE_MS;

/** A number as Alpaca's wire carries it (a decimal string with at most nine places), so both sides compare exactly. */
const wire = (n: number | null) => (n === null ? null : Number(decimal(n)));

function last(market: SyntheticMarket, symbol: string, t: number): number {
  const q = market.quoteAt(symbol, t)!;
  return (q.bidPrice + q.askPrice) / 2;
}
const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * The scripted session: every order type and class the system uses (market, limit marketable and
 * resting, stop, trailing stop, a bracket, a short, an order large against the bars' volume that fills in
 * parts, a crypto pair), refusals (buying power, a reused client order id, a close that an open stop's
 * hold forbids), a replace, a cancel and position closes, with the clock moving between them. Returns what each
 * step answered, in the port's terms.
 */
async function script(broker: Broker, clock: ManualClock, market: SyntheticMarket): Promise<unknown[]> {
  const answers: unknown[] = [];
  const wait = (minutes: number) => clock.advance(minutes * MINUTE_MS);
  const outcome = async (r: OrderRequest) => {
    const o = await broker.submitOrder(r);
    if (o.status === 'rejected') answers.push([r.clientOrderId, o.status, o.reason, o.httpStatus]);
    else if (o.status === 'unresolved') answers.push([r.clientOrderId, o.status]);
    else answers.push([r.clientOrderId, o.status, o.order?.id ?? null, o.order?.status ?? null]);
    return o;
  };
  const attempt = async (label: string, call: () => Promise<Order | void>) => {
    try {
      const o = await call();
      answers.push([label, 'ok', o ? [o.id, o.status, o.replaces] : null]);
      return o ?? null;
    } catch (e) {
      answers.push([label, 'error', isAppError(e) ? e.code : String(e)]);
      return null;
    }
  };
  const now = () => clock.now();
  await outcome({ clientOrderId: 'p-1', symbol: 'VRS', side: 'buy', type: 'market', timeInForce: 'day', qty: 60 });
  await outcome({ clientOrderId: 'p-2', symbol: 'EMN', side: 'buy', type: 'limit', timeInForce: 'day', qty: 300, limitPrice: cents(last(market, 'EMN', now()) * 0.999) });
  const resting = await outcome({ clientOrderId: 'p-3', symbol: 'NOVE', side: 'buy', type: 'limit', timeInForce: 'day', qty: 50, limitPrice: cents(last(market, 'NOVE', now()) * 0.9) });
  const bry = last(market, 'BRY', now());
  await outcome({ clientOrderId: 'p-4', symbol: 'BRY', side: 'buy', type: 'market', timeInForce: 'day', qty: 100, orderClass: 'bracket', takeProfit: { limitPrice: cents(bry * 1.004) }, stopLoss: { stopPrice: cents(bry * 0.996) } });
  await outcome({ clientOrderId: 'p-5', symbol: 'SLRM', side: 'sell', type: 'market', timeInForce: 'day', qty: 30 });
  await outcome({ clientOrderId: 'p-6', symbol: 'KOR', side: 'buy', type: 'market', timeInForce: 'day', qty: 400 });
  await outcome({ clientOrderId: 'p-7', symbol: 'BTC/USD', side: 'buy', type: 'market', timeInForce: 'gtc', qty: 0.05 });
  await outcome({ clientOrderId: 'p-8', symbol: 'VRS', side: 'buy', type: 'market', timeInForce: 'day', qty: 100_000 });
  await outcome({ clientOrderId: 'p-1', symbol: 'VRS', side: 'buy', type: 'market', timeInForce: 'day', qty: 60 });
  wait(2);
  const stop = await outcome({ clientOrderId: 'p-10', symbol: 'VRS', side: 'sell', type: 'stop', timeInForce: 'gtc', qty: 40, stopPrice: cents(last(market, 'VRS', now()) * 0.997) });
  await outcome({ clientOrderId: 'p-11', symbol: 'VRS', side: 'sell', type: 'trailing_stop', timeInForce: 'day', qty: 20, trailPercent: 0.3 });
  wait(3);
  if (stop.status === 'accepted') await attempt('replace p-10', () => broker.replaceOrder(stop.order.id, { stopPrice: cents(last(market, 'VRS', now()) * 0.998), clientOrderId: 'p-10r' }));
  if (resting.status === 'accepted') await attempt('cancel p-3', () => broker.cancelOrder(resting.order.id));
  await outcome({ clientOrderId: 'p-12', symbol: 'KOR', side: 'sell', type: 'stop', timeInForce: 'gtc', qty: 10, stopPrice: cents(last(market, 'KOR', now()) * 0.95) });
  await attempt('close KOR while a stop holds part of it', () => broker.closePosition('KOR'));
  wait(10);
  await attempt('close SLRM', () => broker.closePosition('SLRM'));
  wait(15);
  await attempt('close VRS', () => broker.closePosition('VRS'));
  wait(30);
  return answers;
}

const fillView = (f: Awaited<ReturnType<Broker['getFills']>>['fills'][number]) => ({
  id: f.id, orderId: f.orderId, symbol: f.symbol, side: f.side, qty: wire(f.qty), price: wire(f.price), at: f.at, cumQty: wire(f.cumQty), leavesQty: wire(f.leavesQty), kind: f.kind,
});
function orderView(o: Order): Record<string, unknown> {
  return {
    id: o.id, clientOrderId: o.clientOrderId, symbol: o.symbol, assetClass: o.assetClass, side: o.side, type: o.type, timeInForce: o.timeInForce, orderClass: o.orderClass,
    status: o.status, qty: wire(o.qty), notional: wire(o.notional), filledQty: wire(o.filledQty), filledAvgPrice: wire(o.filledAvgPrice), limitPrice: wire(o.limitPrice),
    stopPrice: wire(o.stopPrice), trailPrice: wire(o.trailPrice), trailPercent: wire(o.trailPercent), hwm: wire(o.hwm), createdAt: o.createdAt, updatedAt: o.updatedAt,
    submittedAt: o.submittedAt, filledAt: o.filledAt, canceledAt: o.canceledAt, expiredAt: o.expiredAt, replacedBy: o.replacedBy, replaces: o.replaces, legs: o.legs.map(orderView),
  };
}

/** Everything the broker ends with, through the port, at wire precision. */
async function endState(broker: Broker) {
  const fills = [];
  let pageToken: string | undefined;
  for (;;) {
    const page = await broker.getFills({ pageSize: 100, ...(pageToken ? { pageToken } : {}) });
    fills.push(...page.fills.map(fillView));
    if (!page.nextPageToken) break;
    pageToken = page.nextPageToken;
  }
  const orders = (await broker.listOrders({ status: 'all', nested: true, limit: 500, direction: 'asc' })).map(orderView);
  const positions = (await broker.getPositions()).map((p) => ({
    symbol: p.symbol, side: p.side, qty: wire(p.qty), qtyAvailable: wire(p.qtyAvailable), avgEntryPrice: wire(p.avgEntryPrice), currentPrice: wire(p.currentPrice), marketValue: wire(p.marketValue), unrealizedPl: wire(p.unrealizedPl),
  }));
  const a = await broker.getAccount();
  const account = { cash: wire(a.cash), equity: wire(a.equity), buyingPower: wire(a.buyingPower), longMarketValue: wire(a.longMarketValue), shortMarketValue: wire(a.shortMarketValue) };
  return { fills, orders, positions, account };
}

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('the same scripted orders in process and through the Alpaca facade', () => {
  it('gives_identical_fills_orders_positions_and_account_in_process_and_over_http', async () => {
    const market = createSyntheticMarket({ seed: 11, start: '2026-05-04', symbols: 10, crypto: 1 });

    const localClock = manualClock(START);
    const local = new SimBroker({ feed: market, clock: localClock });
    const localAnswers = await script(local, localClock, market);
    const localEnd = await endState(local);

    const remoteClock = manualClock(START);
    const behind = new SimBroker({ feed: market, clock: remoteClock });
    const facadeErrors: unknown[] = [];
    const running = await startAlpacaFacade({
      broker: behind, marketData: new SimMarketData(market, remoteClock), news: new SimNewsSource(market, remoteClock), clock: remoteClock,
      credentials: [FACADE_KEYS], port: 0, onError: (e) => void facadeErrors.push(e),
    });
    try {
      const remote = new AlpacaBroker(alpacaClientAt(running.url, remoteClock));
      const remoteAnswers = await script(remote, remoteClock, market);
      const remoteEnd = await endState(remote);

      expect(remoteAnswers).toEqual(localAnswers);
      expect(remoteEnd.fills).toEqual(localEnd.fills);
      expect(remoteEnd.orders).toEqual(localEnd.orders);
      expect(remoteEnd.positions).toEqual(localEnd.positions);
      expect(remoteEnd.account).toEqual(localEnd.account);
      expect(facadeErrors).toEqual([]);
    } finally {
      await running.close();
    }

    // The script exercised what it claims: fills in parts, a filled bracket exit or a live one, a short, crypto, refusals.
    const kinds = new Set(localEnd.fills.map((f) => f.kind));
    expect(kinds).toEqual(new Set(['fill', 'partial_fill']));
    expect(localEnd.fills.filter((f) => f.symbol === 'KOR').length).toBeGreaterThan(3);
    expect(localEnd.fills.some((f) => f.symbol === 'BTC/USD')).toBe(true);
    expect(localEnd.fills.some((f) => f.symbol === 'SLRM' && f.side === 'sell')).toBe(true);
    expect(localAnswers).toContainEqual(['p-8', 'rejected', 'insufficient_buying_power', 403]);
    expect(localAnswers).toContainEqual(expect.arrayContaining(['p-1', 'duplicate']));
    expect(localAnswers).toContainEqual(['close KOR while a stop holds part of it', 'error', 'FORBIDDEN']);
    // The bracket's take-profit filled and its stop was canceled with it.
    expect(localEnd.orders.find((o) => o.clientOrderId === 'p-4')).toMatchObject({ status: 'filled', legs: [{ type: 'limit', status: 'filled' }, { type: 'stop', status: 'canceled' }] });
    expect(localEnd.orders.find((o) => o.clientOrderId === 'p-10r')).toMatchObject({ replaces: expect.any(String) });
    expect(localEnd.orders.find((o) => o.clientOrderId === 'p-3')).toMatchObject({ status: 'canceled' });
  });
});
