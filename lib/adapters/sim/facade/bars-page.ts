import type { Bar, Timeframe } from '../../../domain/market.ts';
import { newYorkParts, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import type { MarketData } from '../../../ports/market-data.port.ts';
import { AlpacaHttpError, integer, oneOf, symbolList, type FacadeRequest } from './http-kit.ts';
import { barJson } from './market-data-wire.ts';
import { decodeToken, encodeToken, parseTime } from './wire-format.ts';

/** Market data answers a bad parameter with 400. */
export function invalidParam(message: string): AlpacaHttpError {
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

/** The request's symbols, de-duplicated and sorted (Alpaca pages by symbol); 400 when none. */
export function requiredSymbols(req: FacadeRequest): string[] {
  const symbols = [...new Set(symbolList(req.query))].sort();
  if (symbols.length === 0) throw invalidParam('symbols is required');
  return symbols;
}

/** An optional RFC-3339 or date query parameter; 400 when malformed. */
export function timeParam(req: FacadeRequest, name: string): number | undefined {
  const t = parseTime(req.query.get(name));
  if (t === null) return undefined;
  if (Number.isNaN(t)) throw invalidParam(`invalid ${name}`);
  return t;
}

const FEEDS = ['sip', 'iex', 'otc', 'boats'] as const;
const ADJUSTMENTS = new Set(['raw', 'split', 'dividend', 'spin-off', 'all']);

/**
 * The stocks-only parameters of /v2/stocks/bars, checked as Alpaca checks them: `feed` one of the
 * historical feeds, `adjustment` a comma list of raw, split, dividend, spin-off, all. The synthetic market
 * has no corporate actions, so every adjustment serves the same bars.
 */
export function checkStockBarParams(req: FacadeRequest): void {
  const feed = req.query.get('feed');
  if (feed !== null && feed !== '' && !(FEEDS as readonly string[]).includes(feed)) throw invalidParam(`invalid feed ${feed}: expected one of ${FEEDS.join(', ')}`);
  const adjustment = req.query.get('adjustment');
  if (adjustment !== null && adjustment !== '' && !adjustment.split(',').every((a) => ADJUSTMENTS.has(a.trim()))) {
    throw invalidParam(`invalid adjustment ${adjustment}: expected raw, split, dividend, spin-off or all (comma-separated)`);
  }
}

/** Which kind of symbol a bars route serves: stock tickers on /v2/stocks, pairs (`BTC/USD`) on /v1beta3/crypto. */
export type BarsMarket = 'stocks' | 'crypto';

/**
 * One page of multi-symbol bars: symbols in alphabetical order, `limit` bars across all of them, then a
 * page token (symbol and time of the next bar). Never a bar after the clock's now. A symbol of the other
 * market is refused (400) rather than served from the wrong route.
 */
export async function barsPage(md: MarketData, clock: Clock, req: FacadeRequest, market: BarsMarket): Promise<Record<string, unknown>> {
  const symbols = requiredSymbols(req);
  const wrong = symbols.find((s) => s.includes('/') !== (market === 'crypto'));
  if (wrong) throw invalidParam(`invalid symbol ${wrong}: ${market === 'crypto' ? 'expected a crypto pair such as BTC/USD' : 'crypto pairs are served by /v1beta3/crypto/{loc}/bars'}`);
  const timeframe = parseTimeframe(req.query.get('timeframe'));
  const now = clock.now();
  const start = timeParam(req, 'start') ?? newYorkTime(newYorkParts(now).date, '00:00');
  const end = Math.min(timeParam(req, 'end') ?? now, now);
  const limit = integer(req.query, 'limit', 1000, 1, 10_000);
  const desc = oneOf(req.query, 'sort', ['asc', 'desc'] as const, 'asc') === 'desc';
  const raw = req.query.get('page_token');
  const token = raw ? (decodeToken(raw) as { s?: unknown; t?: unknown } | null) : null;
  if (token !== null && (typeof token?.s !== 'string' || typeof token.t !== 'number')) throw invalidParam('invalid page_token');
  const from = token ? Math.max(0, symbols.indexOf(token.s as string)) : 0;
  const wanted = symbols.slice(from);
  const all = end < start ? new Map<string, Bar[]>() : await md.getBars({ symbols: wanted, timeframe, start, end });
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
  return market === 'stocks' ? { bars, next_page_token: next, currency: 'USD' } : { bars, next_page_token: next };
}
