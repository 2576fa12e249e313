import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { previousTradingDay } from '../lib/domain/calendar/nyse-calendar.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import { PgDownloadStore } from '../lib/adapters/replay/download/download-store.ts';
import { runHistoryDownload, type DownloadSummary } from '../lib/adapters/replay/download/history-download.ts';
import { downloadClient, startHistoryFacade, steppedClock, type HistoryFacade } from '../lib/adapters/replay/download/download-fixture.ts';
import { runBacktest, type BacktestResult } from '../lib/compose/backtest/run-backtest.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { memoryStores } from '../lib/compose/memory-stores.ts';
import type { StoreSet } from '../lib/compose/store-set.ts';
import { AlpacaBroker } from '../lib/adapters/alpaca/alpaca.broker.ts';
import { loadHistoryAssets, storeHistoryAssets } from '../lib/adapters/replay/download/history-assets.repo.ts';
import type { Asset } from '../lib/domain/market.ts';

/**
 * What a user with no keys can do end to end: serve the synthetic market as Alpaca (`npm run sim:alpaca`),
 * download a day of minute bars, the daily context and the news with `history:download`'s code, then
 * backtest the day with `npm run backtest`'s code (runBacktest over the stored history, no ground truth
 * from the simulator: no asset list, only what was downloaded), its state in memory as by default. The
 * seed, day and universe are those of test/trading-day.e2e.test.ts, on which the default strategy trades.
 */
const SEED = 4;
const DAY = '2026-11-16';
const SYMBOLS = 150;

/** The parts of a trade's decision audit (reporting's tradeAudit) this test reads. */
interface Audit {
  entry: { clientOrderId: string } | null;
  news: { source: string; sourceId: string; version: number; receivedAt: number }[];
}

describe('history downloaded from the facade, then backtested', () => {
  let h: HistoryFacade;
  let db: TestDb;
  let downloads: DownloadSummary[];
  let result: BacktestResult;
  let stores: StoreSet;

  beforeAll(async () => {
    h = await startHistoryFacade({ seed: SEED, symbols: SYMBOLS, start: addDays(DAY, -60), now: addDays(DAY, 3), crypto: false, newsRate: 4 });
    db = await createTestDb();
    const clock = steppedClock();
    const client = downloadClient(h.facade.url, clock);
    const broker = new AlpacaBroker(client);
    const deps = { client, store: new PgDownloadStore(db.pool), sleep: clock.sleep, now: clock.now, assets: () => broker.getAssets(), storeAssets: (a: readonly Asset[]) => storeHistoryAssets(db.pool, a, clock.now()) };
    const common = { stocks: h.stocks, crypto: [], feed: 'iex' as const, adjustment: 'split' as const };
    downloads = [
      // The commands a user runs: daily context, minute bars from the session before (indicator warm-up), news.
      await runHistoryDownload(deps, { ...common, from: addDays(DAY, -70), to: addDays(DAY, -1), timeframes: ['1Day'], news: false }),
      await runHistoryDownload(deps, { ...common, from: previousTradingDay(DAY).date, to: DAY, timeframes: ['1Min'], news: false }),
      await runHistoryDownload(deps, { ...common, from: addDays(DAY, -3), to: DAY, timeframes: [], news: true }),
    ];
    // As `npm run backtest` loads it: the stored history and the asset records the download stored.
    const assets = await loadHistoryAssets(db.pool);
    const feed = await loadReplayFeed(new PgHistoryRepo(db.pool), { from: newYorkTime(addDays(DAY, -70), '00:00'), to: newYorkTime(addDays(DAY, 1), '00:00'), assets });
    const btClock = steppingClock(newYorkTime(DAY, '00:00'));
    stores = memoryStores({ clock: btClock });
    const env = { ...process.env, TRADING_MODE: 'backtest', LOG_LEVEL: 'error', DATABASE_URL: undefined };
    result = await runBacktest({ feed, from: DAY, to: DAY, env, clock: btClock, stores, detail: true });
  }, 900_000);

  afterAll(async () => {
    await h?.facade.close();
    await db?.drop();
  });

  it('downloads_the_bars_news_and_asset_records_it_was_asked_for', async () => {
    expect((await loadHistoryAssets(db.pool)).map((a) => a.symbol).sort()).toEqual(h.stocks);
    expect(downloads[0]!.barsStored).toBeGreaterThan(SYMBOLS * 30);
    expect(downloads[1]!.barsStored).toBeGreaterThan(SYMBOLS * 2 * 390);
    expect(downloads[2]!.newsStored).toBeGreaterThan(10);
    for (const d of downloads) expect(d.rejected).toEqual([]);
  });

  it('places_trades_driven_by_the_downloaded_news', async () => {
    expect(result.failedTicks, result.errors.join('\n')).toBe(0);
    const entries = result.orders.filter((o) => o.side === 'buy' && o.orderClass === 'bracket');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((o) => o.filledQty > 0)).toBe(true);
    // Every round trip names the news that drove its entry: downloaded Alpaca versions, received before the entry was sent.
    const trades = result.detail!.trades.map((t) => t.audit as Audit);
    expect(trades.length).toBeGreaterThan(0);
    for (const { entry, news } of trades) {
      const sent = result.orders.find((o) => o.clientOrderId === entry?.clientOrderId);
      expect(sent, `the entry order ${entry?.clientOrderId}`).toBeDefined();
      expect(news.length).toBeGreaterThan(0);
      for (const n of news) {
        const stored = (await stores.news().versions(n.source, n.sourceId)).find((v) => v.version === n.version);
        expect({ source: n.source, downloaded: stored?.meta?.downloaded }).toEqual({ source: 'alpaca', downloaded: true });
        expect(n.receivedAt).toBeLessThanOrEqual(sent!.submittedAt);
      }
    }
  });
});
