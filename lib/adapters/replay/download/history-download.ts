import type { Asset, Bar } from '../../../domain/market.ts';
import { AppError, isAppError } from '../../../shared/errors.ts';
import type { AlpacaClient } from '../../alpaca/alpaca.client.ts';
import { fetchBarsPage, fetchNewsPage, type BarsPage, type NewsPage } from '../../alpaca/alpaca.history-pages.ts';
import { checkpointSymbols, planDownload, unitCheckpoint, type BarsUnit, type DownloadRequest, type DownloadUnit, type NewsUnit } from './download-plan.ts';
import type { PgDownloadStore } from './download-store.ts';
import { barProblem, barsSource, newsVersions } from './download-rows.ts';

/** Where a download stands, after each page. */
export interface DownloadProgress {
  unitsDone: number;
  unitsTotal: number;
  /** Symbol-days (symbols × days × timeframes) of bars done, of the run's total. */
  symbolDaysDone: number;
  symbolDaysTotal: number;
  barsStored: number;
  newsStored: number;
  /** Requests sent to Alpaca by this run. */
  requests: number;
  /** Requests tried again after a retryable failure (429, 5xx, timeout, or no budget left in time). */
  retries: number;
  /** Requests left this minute on the market data host (the shared budget); null when unknown. */
  requestsLeft: number | null;
  elapsedMs: number;
  /** Estimated from the units done so far; null until one is. */
  remainingMs: number | null;
}

export interface DownloadSummary extends DownloadProgress {
  /** Work an earlier run had finished (skipped now): symbol-days of bars and news requests' windows. */
  resumed: { symbolDays: number; newsWindows: number };
  /** Bars refused because they break OHLC rules, and news items that did not parse, with reasons. */
  rejected: { what: string; reason: string }[];
  rateLimited: number;
}

export interface DownloadDeps {
  client: AlpacaClient;
  store: PgDownloadStore;
  /** Waits (backoff); tests pass one that does not. */
  sleep: (ms: number) => Promise<void>;
  /** Wall-clock ms, for elapsed and remaining time only. */
  now: () => number;
  onProgress?: (p: DownloadProgress) => void;
  /** Attempts per request before giving up on a retryable failure. Default 8. */
  maxAttempts?: number;
  /** The broker's asset records (Alpaca's /v2/assets): those of the downloaded symbols are stored for the backtest. */
  assets?: () => Promise<readonly Asset[]>;
  /** Where asset records go (history_assets). */
  storeAssets?: (assets: readonly Asset[]) => Promise<void>;
}

/**
 * Downloads bars and news into the history tables, unit by unit (a symbol batch over a window), page by
 * page through next_page_token, through the shared client (rate budget shared through Redis, 429s empty
 * it for everyone). Retryable failures wait (Retry-After or exponential backoff) and retry the same page.
 * Each unit's last page and its checkpoints are one transaction, so a killed run resumes where it stopped.
 */
export async function runHistoryDownload(deps: DownloadDeps, req: DownloadRequest): Promise<DownloadSummary> {
  const started = deps.now();
  const all = planDownload(req, new Set());
  const windowFrom = Math.min(...all.map((u) => u.from));
  const windowTo = Math.max(...all.map((u) => u.to));
  const finished = all.length ? new Set([...(await deps.store.finished('bars', windowFrom, windowTo)), ...(await deps.store.finished('news', windowFrom, windowTo))]) : new Set<string>();
  const units = planDownload(req, finished);
  const symbolDays = (u: DownloadUnit) => (u.dataset === 'bars' ? u.symbols.length * u.days : 0);
  const s: DownloadSummary = {
    unitsDone: 0,
    unitsTotal: units.length,
    symbolDaysDone: 0,
    symbolDaysTotal: all.reduce((n, u) => n + symbolDays(u), 0),
    barsStored: 0,
    newsStored: 0,
    requests: 0,
    retries: 0,
    requestsLeft: null,
    elapsedMs: 0,
    remainingMs: null,
    resumed: { symbolDays: 0, newsWindows: 0 },
    rejected: [],
    rateLimited: 0,
  };
  // Work an earlier run finished counts as done.
  s.symbolDaysDone = s.symbolDaysTotal - units.reduce((n, u) => n + symbolDays(u), 0);
  s.resumed = { symbolDays: s.symbolDaysDone, newsWindows: all.filter((u) => u.dataset === 'news').length - units.filter((u) => u.dataset === 'news').length };
  const maxAttempts = deps.maxAttempts ?? 8;
  // Requests actually sent (a wait for the shared budget that gave up sent nothing).
  const sentBefore = deps.client.stats('data').calls;
  const sent = () => deps.client.stats('data').calls - sentBefore;

  const report = async () => {
    s.requests = sent();
    s.elapsedMs = deps.now() - started;
    s.remainingMs = s.unitsDone > 0 ? Math.round((s.elapsedMs / s.unitsDone) * (s.unitsTotal - s.unitsDone)) : null;
    if (!deps.onProgress) return;
    try {
      s.requestsLeft = Object.entries(await deps.client.budget()).find(([host]) => host === deps.client.hosts.data)?.[1] ?? null;
    } catch {
      s.requestsLeft = null;
    }
    deps.onProgress({ ...s });
  };

  async function request<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (e) {
        if (!isAppError(e) || !e.retryable || attempt >= maxAttempts) throw e;
        if (e.code === 'RATE_LIMITED') s.rateLimited++;
        s.retries++;
        const wait = e.retryAfterSeconds !== undefined ? Math.max(1_000, e.retryAfterSeconds * 1_000) : Math.min(60_000, 1_000 * 2 ** (attempt - 1));
        await deps.sleep(wait);
      }
    }
  }

  if (deps.assets && deps.storeAssets) {
    const wanted = new Set([...req.stocks, ...req.crypto]);
    const listed = await request(deps.assets);
    await deps.storeAssets(listed.filter((a) => wanted.has(a.symbol)));
  }
  for (const unit of units) {
    if (unit.dataset === 'bars') await barsUnit(unit);
    else await newsUnit(unit);
    s.unitsDone++;
    s.symbolDaysDone += symbolDays(unit);
    await report();
  }
  s.requests = sent();
  s.elapsedMs = deps.now() - started;
  s.remainingMs = 0;
  return s;

  async function barsUnit(unit: BarsUnit): Promise<void> {
    const rows = new Map<string, number>(unit.symbols.map((x) => [x, 0]));
    const source = barsSource(unit);
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const pageToken = token;
      const page: BarsPage = await request(() => fetchBarsPage(deps.client, { market: unit.market, symbols: unit.symbols, timeframe: unit.timeframe, start: unit.from, end: unit.to, feed: unit.feed as 'iex', adjustment: unit.adjustment as 'raw', ...(req.pageLimit ? { limit: req.pageLimit } : {}) }, pageToken));
      const good = new Map<string, Bar[]>();
      for (const [symbol, bars] of page.bars) {
        const keep = bars.filter((b) => {
          const problem = barProblem(b);
          if (problem) s.rejected.push({ what: `${symbol} ${unit.timeframe} ${new Date(b.t).toISOString()}`, reason: problem });
          return problem === null;
        });
        good.set(symbol, keep);
        rows.set(symbol, (rows.get(symbol) ?? 0) + keep.length);
      }
      token = page.nextPageToken;
      if (token !== undefined && seen.has(token)) throw new AppError('DATA_INVALID', `Alpaca bars: next_page_token repeated; refusing to loop`);
      if (token !== undefined) seen.add(token);
      const done = token === undefined ? unit.symbols.map((x) => unitCheckpoint(unit, x, rows.get(x) ?? 0)) : [];
      s.barsStored += await deps.store.storeBars({ timeframe: unit.timeframe, bySymbol: good, source }, done);
      if (token !== undefined) await report();
    } while (token !== undefined);
  }

  async function newsUnit(unit: NewsUnit): Promise<void> {
    let token: string | undefined;
    let rows = 0;
    const seen = new Set<string>();
    do {
      const pageToken = token;
      const page: NewsPage = await request(() => fetchNewsPage(deps.client, { ...(unit.symbols ? { symbols: unit.symbols } : {}), start: unit.from, end: unit.to }, pageToken));
      for (const k of page.skipped) s.rejected.push({ what: `news ${k.id ?? '?'}`, reason: k.reason });
      const versions = page.items.flatMap(newsVersions);
      rows += versions.length;
      token = page.nextPageToken;
      if (token !== undefined && seen.has(token)) throw new AppError('DATA_INVALID', `Alpaca news: next_page_token repeated; refusing to loop`);
      if (token !== undefined) seen.add(token);
      const done = token === undefined ? checkpointSymbols(unit).map((x) => unitCheckpoint(unit, x, rows)) : [];
      s.newsStored += await deps.store.storeNews(versions, done);
      if (token !== undefined) await report();
    } while (token !== undefined);
  }
}
