import type { Broker } from '../../../ports/broker.port.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import type { MarketData } from '../../../ports/market-data.port.ts';
import type { NewsSource } from '../../../ports/news-source.port.ts';
import { flag, integer, oneOf, symbolList, type Route } from './http-kit.ts';
import { barsPage, checkStockBarParams, requiredSymbols, timeParam } from './bars-page.ts';
import { barJson, mostActiveJson, moverJson, quoteJson, snapshotJson, tapeOf, tradeJson } from './market-data-wire.ts';
import { newsPage } from './news-page.ts';
import { timestamp } from './wire-format.ts';


/** Stock market data, screeners and news over the MarketData and NewsSource ports. */
export function marketDataRoutes(md: MarketData, news: NewsSource, broker: Broker, clock: Clock): Route[] {
  const tapes = async () => new Map((await broker.getAssets()).map((a) => [a.symbol, tapeOf(a.exchange)]));
  const latest = (build: (symbols: string[], tape: Map<string, string>) => Promise<Record<string, unknown>>): Route['handle'] => async (req) => ({
    status: 200,
    body: await build(requiredSymbols(req), await tapes()),
  });
  return [
    {
      method: 'GET',
      pattern: /^\/v2\/stocks\/bars$/,
      handle: async (req) => {
        checkStockBarParams(req);
        return { status: 200, body: await barsPage(md, clock, req, 'stocks') };
      },
    },
    { method: 'GET', pattern: /^\/v1beta3\/crypto\/(?:us|us-1|eu-1)\/bars$/, handle: async (req) => ({ status: 200, body: await barsPage(md, clock, req, 'crypto') }) },
    {
      method: 'GET',
      pattern: /^\/v2\/stocks\/bars\/latest$/,
      handle: latest(async (symbols) => {
        const bars: Record<string, unknown> = {};
        for (const [s, snap] of await md.getSnapshots(symbols)) if (snap.minuteBar) bars[s] = barJson(snap.minuteBar);
        return { bars, currency: 'USD' };
      }),
    },
    {
      method: 'GET',
      pattern: /^\/v2\/stocks\/trades\/latest$/,
      handle: latest(async (symbols, tape) => {
        const trades: Record<string, unknown> = {};
        for (const [s, t] of await md.getLatestTrades(symbols)) trades[s] = tradeJson(t, tape.get(s) ?? 'B');
        return { trades, currency: 'USD' };
      }),
    },
    {
      method: 'GET',
      pattern: /^\/v2\/stocks\/quotes\/latest$/,
      handle: latest(async (symbols, tape) => {
        const quotes: Record<string, unknown> = {};
        for (const [s, q] of await md.getLatestQuotes(symbols)) quotes[s] = quoteJson(q, tape.get(s) ?? 'B');
        return { quotes, currency: 'USD' };
      }),
    },
    {
      method: 'GET',
      pattern: /^\/v2\/stocks\/snapshots$/,
      handle: latest(async (symbols, tape) => {
        const out: Record<string, unknown> = {};
        for (const [s, snap] of await md.getSnapshots(symbols)) out[s] = snapshotJson(snap, tape.get(s) ?? 'B');
        return out;
      }),
    },
    {
      method: 'GET',
      pattern: /^\/v1beta1\/screener\/stocks\/most-actives$/,
      handle: async (req) => {
        const by = oneOf(req.query, 'by', ['volume', 'trades'] as const, 'volume');
        const top = integer(req.query, 'top', 10, 1, 100);
        return { status: 200, body: { most_actives: (await md.getMostActives({ by, top })).map(mostActiveJson), last_updated: timestamp(clock.now()) } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1beta1\/screener\/(?<market>stocks|crypto)\/movers$/,
      handle: async (req, { market }) => {
        const m = market as 'stocks' | 'crypto';
        const { gainers, losers } = await md.getMovers({ top: integer(req.query, 'top', 10, 1, 50), market: m });
        return { status: 200, body: { gainers: gainers.map(moverJson), losers: losers.map(moverJson), market_type: m, last_updated: timestamp(clock.now()) } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1beta1\/news$/,
      handle: async (req) => ({
        status: 200,
        body: await newsPage(news, clock.now(), {
          symbols: symbolList(req.query),
          start: timeParam(req, 'start'),
          end: timeParam(req, 'end'),
          sort: oneOf(req.query, 'sort', ['asc', 'desc'] as const, 'desc'),
          limit: integer(req.query, 'limit', 10, 1, 50),
          includeContent: flag(req.query, 'include_content', false),
          excludeContentless: flag(req.query, 'exclude_contentless', false),
          pageToken: req.query.get('page_token'),
        }),
      }),
    },
  ];
}
