import type { Bar, Snapshot } from '../../domain/market.ts';
import { AppError } from '../../shared/errors.ts';
import type { AlpacaClient } from './alpaca.client.ts';
import { barsPageWire, type SnapshotWire } from './alpaca.market-data.models.ts';
import { barFromWire, decode, quoteFromWire, tradeFromWire } from './alpaca.parse.ts';

/**
 * What the stocks and the crypto market data requests share: symbol chunks, bar pagination, snapshots.
 */

/** Alpaca's largest `limit` for bars, counted across all symbols of a page. */
export const BARS_PAGE_MAX = 10_000;

/** A crypto pair as Alpaca's crypto data API names it (`BTC/USD`); anything else is a stock symbol. */
export function isCryptoPair(symbol: string): boolean {
  return symbol.includes('/');
}

/** A request's symbols split by the API that serves them, each list de-duplicated, in request order. */
export function splitSymbols(symbols: readonly string[]): { stocks: string[]; crypto: string[] } {
  const unique = [...new Set(symbols)];
  return { stocks: unique.filter((s) => !isCryptoPair(s)), crypto: unique.filter(isCryptoPair) };
}

/** De-duplicated symbols in requests of at most `size`, which keeps URLs short for large universes. */
export function chunks(symbols: readonly string[], size: number): string[][] {
  const unique = [...new Set(symbols)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

export function inRange(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new AppError('BAD_REQUEST', `${name} must be an integer from 1 to ${max}`);
  return value;
}

/** Sends one page of a bars request: `symbols` comma-joined, the previous page's token or none. */
export type SendBarsPage = (symbols: string, pageToken: string | undefined) => Promise<{ raw: Response }>;

/**
 * Reads every page of a multi-symbol bars request into `out`. Alpaca's `limit` counts bars across all
 * symbols of a page and pages are sorted by symbol, so one symbol can span pages: pages are merged per
 * symbol. A repeated `next_page_token` fails (DATA_INVALID) rather than loop.
 */
export async function readBarPages(client: AlpacaClient, endpoint: string, symbolChunks: string[][], out: Map<string, Bar[]>, send: SendBarsPage): Promise<void> {
  for (const chunk of symbolChunks) {
    const symbols = chunk.join(',');
    const tokens = new Set<string>();
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const body = await client.request('data', endpoint, () => send(symbols, token));
      const page = decode(barsPageWire, body, endpoint);
      for (const [symbol, bars] of Object.entries(page.bars ?? {})) {
        const list = out.get(symbol) ?? [];
        for (const b of bars) list.push(barFromWire(b));
        out.set(symbol, list);
      }
      pageToken = page.next_page_token ?? undefined;
      if (pageToken !== undefined && tokens.has(pageToken)) {
        throw new AppError('DATA_INVALID', `Alpaca ${endpoint}: next_page_token repeated; refusing to loop`, { details: { endpoint } });
      }
      if (pageToken !== undefined) tokens.add(pageToken);
    } while (pageToken !== undefined);
  }
}

/** A snapshot; any part may be missing (a new listing has no previous day, a quiet pair no minute bar). */
export function snapshotFromWire(symbol: string, s: SnapshotWire): Snapshot {
  return {
    symbol,
    latestTrade: s.latestTrade ? tradeFromWire(s.latestTrade) : null,
    latestQuote: s.latestQuote ? quoteFromWire(s.latestQuote) : null,
    minuteBar: s.minuteBar ? barFromWire(s.minuteBar) : null,
    dailyBar: s.dailyBar ? barFromWire(s.dailyBar) : null,
    prevDailyBar: s.prevDailyBar ? barFromWire(s.prevDailyBar) : null,
  };
}
