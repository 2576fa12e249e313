import type { Bar, Timeframe } from '../../../domain/market.ts';
import { newYorkParts, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import type { Broker } from '../../../ports/broker.port.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import type { MarketData } from '../../../ports/market-data.port.ts';
import type { NewsSource } from '../../../ports/news-source.port.ts';
import { AlpacaHttpError, flag, integer, oneOf, symbolList, type FacadeRequest, type Route } from './http-kit.ts';
import { barJson, mostActiveJson, moverJson, quoteJson, snapshotJson, tapeOf, tradeJson } from './market-data-wire.ts';
import { newsPage } from './news-page.ts';
import { decodeToken, encodeToken, parseTime, timestamp } from './wire-format.ts';

/** Market data answers a bad parameter with 400. */
function invalidParam(message: string): AlpacaHttpError {
  return new AlpacaHttpError(400, 40010001, message);
}

const TIMEFRAME = /^(\d{1,2})(Min|T|Hour|H|Day|D|Week|W|Month|M)$/;

/** Alpaca's timeframe spellings (`5Min`, `5T`, `1H`, `1D`, ...) in the port's form; 400 outside Alpaca's ranges. */
export function parseTimeframe(raw: string | null): Timeframe {
  const m = raw ? TIMEFRAME.exec(raw) : null;
  if (m) {
    const n = Number(m[1]);
    const unit = m[2];
    if ((unit === 'Min' || unit === 'T') && n >= 1 && n <= 59) return `${n}Min`;
    if ((unit === 'Hour' || unit === 'H') && n >= 1 && n <= 23) return `${n}Hour`;
    if ((unit === 'Day' || unit === 'D') && n === 1) return '1Day';
    if ((unit === 'Week' || unit === 'W') && n === 1) return '1Week';
    if ((unit === 'Month' || unit === 'M') && [1, 2, 3, 4, 6, 12].includes(n)) return `${n}Month`;
  }
  throw invalidParam(`invalid timeframe${raw ? ` ${raw}` : ': required'}`);
}

function requiredSymbols(req: FacadeRequest): string[] {
  const symbols = [...new Set(symbolList(req.query))].sort();
  if (symbols.length === 0) throw invalidParam('symbols is required');
  return symbols;
}

function time(req: FacadeRequest, name: string): number | undefined {
  const t = parseTime(req.query.get(name));
  if (t === null) return undefined;
  if (Number.isNaN(t)) throw invalidParam(`invalid ${name}`);
  return t;
}

/** One page of multi-symbol bars: symbols in alphabetical order, `limit` bars across all of them, then a page token. */
async function barsPage(md: MarketData, clock: Clock, req: FacadeRequest): Promise<Record<string, unknown>> {
  const symbols = requiredSymbols(req);
  const timeframe = parseTimeframe(req.query.get('timeframe'));
  const now = clock.now();
  const start = time(req, 'start') ?? newYorkTime(newYorkParts(now).date, '00:00');
  const end = Math.min(time(req, 'end') ?? now, now);
  const limit = integer(req.query, 'limit', 1000, 1, 10_000);
  const desc = oneOf(req.query, 'sort', ['asc', 'desc'] as const, 'asc') === 'desc';
  const token = req.query.get('page_token') ? (decodeToken(req.query.get('page_token')!) as { s?: unknown; t?: unknown } | null) : null;
  if (token !== null && (typeof token?.s !== 'string' || typeof token.t !== 'number')) throw invalidParam('invalid page_token');
  const from = token ? Math.max(0, symbols.indexOf(token.s as string)) : 0;
  const wanted = symbols.slice(from);
  const all = await md.getBars({ symbols: wanted, timeframe, start, end });
  const bars: Record<string, unknown[]> = {};
  let count = 0;
  let next: string | null = null;
  outer: for (const symbol of wanted) {
    let list: readonly Bar[] = all.get(symbol) ?? [];
    if (desc) list = [...list].reverse();
    for (const bar of list) {
      if (token && symbol === token.s && (desc ? bar.t > (token.t as number) : bar.t < (token.t as number))) continue;
      if (count === limit) {
        next = encodeToken({ s: symbol, t: bar.t });
        break outer;
      }
      (bars[symbol] ??= []).push(barJson(bar));
      count++;
    }
  }
  return { bars, next_page_token: next, currency: 'USD' };
}

/** Stock market data, screeners and news over the MarketData and NewsSource ports. */
export function marketDataRoutes(md: MarketData, news: NewsSource, broker: Broker, clock: Clock): Route[] {
  const tapes = async () => new Map((await broker.getAssets()).map((a) => [a.symbol, tapeOf(a.exchange)]));
  const latest = (build: (symbols: string[], tape: Map<string, string>) => Promise<Record<string, unknown>>): Route['handle'] => async (req) => ({
    status: 200,
    body: await build(requiredSymbols(req), await tapes()),
  });
  return [
    { method: 'GET', pattern: /^\/v2\/stocks\/bars$/, handle: async (req) => ({ status: 200, body: await barsPage(md, clock, req) }) },
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
          start: time(req, 'start'),
          end: time(req, 'end'),
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
