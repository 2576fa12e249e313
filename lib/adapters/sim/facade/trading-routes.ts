import type { Asset } from '../../../domain/market.ts';
import { addDays, newYorkParts } from '../../../domain/calendar/new-york-time.ts';
import type { Broker, FillQuery } from '../../../ports/broker.port.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import { assetIdOf } from '../broker/sim-ids.ts';
import { AlpacaHttpError, badParameter, errorResponse, flag, integer, oneOf, type FacadeRequest, type Route } from './http-kit.ts';
import { accountJson, assetJson, calendarDayJson, clockJson, fillActivityJson, orderJson, positionJson } from './trading-wire.ts';
import { parseTime } from './wire-format.ts';

/** A time query parameter (RFC-3339 or date); 422 when malformed. */
export function timeParam(req: FacadeRequest, name: string): number | undefined {
  const t = parseTime(req.query.get(name));
  if (t === null) return undefined;
  if (Number.isNaN(t)) throw badParameter(`invalid ${name}: expected an RFC-3339 timestamp or a date`);
  return t;
}

async function assetsBySymbol(broker: Broker): Promise<Map<string, Asset>> {
  return new Map((await broker.getAssets()).map((a) => [a.symbol, a]));
}

/** A symbol or asset id as Alpaca accepts it in a path (`AAPL`, `BTC/USD`, `BTCUSD`, or the asset's id). */
async function findAsset(broker: Broker, key: string): Promise<Asset | null> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(key)) return (await broker.getAssets()).find((a) => assetIdOf(a.symbol) === key.toLowerCase()) ?? null;
  return broker.getAsset(key.toUpperCase());
}

async function activities(broker: Broker, req: FacadeRequest, types: readonly string[]): Promise<unknown[]> {
  if (!types.includes('FILL')) return [];
  const day = req.query.get('date');
  const dayStart = day ? parseTime(day) : null;
  if (dayStart !== null && Number.isNaN(dayStart)) throw badParameter('invalid date');
  // `direction` is beyond the port's FillQuery: the simulated broker honours it, others page oldest first.
  const query: FillQuery & { direction: 'asc' | 'desc' } = {
    after: dayStart !== null ? dayStart - 1 : timeParam(req, 'after'),
    until: dayStart !== null ? dayStart + 86_400_000 : timeParam(req, 'until'),
    pageSize: integer(req.query, 'page_size', 100, 1, 100),
    direction: oneOf(req.query, 'direction', ['asc', 'desc'] as const, 'desc'),
  };
  const token = req.query.get('page_token');
  if (token) query.pageToken = token;
  const page = await broker.getFills(query);
  return page.fills.map(fillActivityJson);
}

/** Account, clock, calendar, assets, positions and fill activities. */
export function tradingRoutes(broker: Broker, clock: Clock): Route[] {
  return [
    { method: 'GET', pattern: /^\/v2\/account$/, handle: async () => ({ status: 200, body: accountJson(await broker.getAccount()) }) },
    { method: 'GET', pattern: /^\/v2\/clock$/, handle: async () => ({ status: 200, body: clockJson(await broker.getClock()) }) },
    {
      method: 'GET',
      pattern: /^\/v2\/calendar$/,
      handle: async (req) => {
        // Alpaca answers every day from 1970 without bounds; the simulator defaults to the coming year.
        const today = newYorkParts(clock.now()).date;
        const start = req.query.get('start')?.slice(0, 10) || today;
        const end = req.query.get('end')?.slice(0, 10) || addDays(start, 365);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) throw badParameter('invalid start or end: expected a date');
        return { status: 200, body: (await broker.getCalendar(start, end)).map(calendarDayJson) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/assets$/,
      handle: async (req) => {
        const status = oneOf(req.query, 'status', ['active', 'inactive'] as const, 'active');
        const cls = req.query.get('asset_class');
        if (cls !== null && cls !== 'us_equity' && cls !== 'crypto') return { status: 200, body: [] };
        return { status: 200, body: (await broker.getAssets({ status, ...(cls ? { assetClass: cls } : {}) })).map(assetJson) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/assets\/(?<key>.+)$/,
      handle: async (_req, { key }) => {
        const asset = await findAsset(broker, key!);
        if (!asset) throw new AlpacaHttpError(404, 40410000, 'asset not found');
        return { status: 200, body: assetJson(asset) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/positions$/,
      handle: async () => {
        const assets = await assetsBySymbol(broker);
        return { status: 200, body: (await broker.getPositions()).map((p) => positionJson(p, assets.get(p.symbol) ?? null)) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/positions\/(?<key>.+)$/,
      handle: async (_req, { key }) => {
        const asset = await findAsset(broker, key!);
        const p = asset ? (await broker.getPositions()).find((x) => x.symbol === asset.symbol) : undefined;
        if (!p) throw new AlpacaHttpError(404, 40410000, 'position does not exist');
        return { status: 200, body: positionJson(p, asset) };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v2\/positions\/(?<key>.+)$/,
      handle: async (req, { key }) => {
        const qty = req.query.get('qty');
        const pct = req.query.get('percentage');
        if ((qty && !(Number(qty) > 0)) || (pct && !(Number(pct) > 0 && Number(pct) <= 100))) throw badParameter('invalid qty or percentage');
        const asset = await findAsset(broker, key!);
        const order = await broker.closePosition(asset?.symbol ?? key!.toUpperCase(), {
          ...(qty ? { qty: Number(qty) } : {}),
          ...(pct ? { percentage: Number(pct) } : {}),
        });
        return { status: 200, body: orderJson(order, false) };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v2\/positions$/,
      handle: async (req) => {
        if (flag(req.query, 'cancel_orders', false)) for (const o of await broker.listOrders({ status: 'open', limit: 500 })) await broker.cancelOrder(o.id).catch(() => undefined);
        const results = [];
        for (const p of await broker.getPositions()) {
          try {
            results.push({ symbol: p.symbol, status: 200, body: orderJson(await broker.closePosition(p.symbol), false) });
          } catch (e) {
            results.push({ symbol: p.symbol, status: errorResponse(e).status });
          }
        }
        return { status: 207, body: results };
      },
    },
    { method: 'GET', pattern: /^\/v2\/account\/activities\/(?<type>[A-Z]+)$/, handle: async (req, { type }) => ({ status: 200, body: await activities(broker, req, [type!]) }) },
    {
      method: 'GET',
      pattern: /^\/v2\/account\/activities$/,
      handle: async (req) => {
        const types = (req.query.get('activity_types') ?? 'FILL').split(',').map((t) => t.trim().toUpperCase());
        return { status: 200, body: await activities(broker, req, types) };
      },
    },
  ];
}
