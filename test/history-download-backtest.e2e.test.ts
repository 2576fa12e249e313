import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { ROOT } from './support/sim-system.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { previousTradingDay } from '../lib/domain/calendar/nyse-calendar.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import { PgDownloadStore } from '../lib/adapters/replay/download/download-store.ts';
import { runHistoryDownload, type DownloadSummary } from '../lib/adapters/replay/download/history-download.ts';
import { downloadClient, startHistoryFacade, steppedClock, type HistoryFacade } from '../lib/adapters/replay/download/download-fixture.ts';
import { runBacktest, type BacktestResult } from '../scheduler/backtest.ts';
import { AlpacaBroker } from '../lib/adapters/alpaca/alpaca.broker.ts';
import { loadHistoryAssets, storeHistoryAssets } from '../lib/adapters/replay/download/history-assets.repo.ts';
import type { Asset } from '../lib/domain/market.ts';

/**
 * What a user with no keys can do end to end: serve the synthetic market as Alpaca (`npm run sim:alpaca`),
 * download a day of minute bars, the daily context and the news with `history:download`'s code, then
 * backtest the day with `npm run backtest`'s code (runBacktest over the stored history, no ground truth
 * from the simulator: no asset list, only what was downloaded). The seed, day and universe are those of
 * test/trading-day.e2e.test.ts, on which the default strategy trades.
 */
const SEED = 4;
const DAY = '2026-11-16';
const SYMBOLS = 150;

describe('history downloaded from the facade, then backtested', () => {
  let h: HistoryFacade;
  let db: TestDb;
  let downloads: DownloadSummary[];
  let result: BacktestResult;

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
    result = await runBacktest({ feed, from: DAY, to: DAY, root: ROOT, env: { ...process.env, ...runtimeEnvFor(db), TRADING_MODE: 'backtest' } });
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
    // Every entry names the news item that drove it: a downloaded Alpaca version, known before the entry.
    const { rows } = await db.pool.query<{ symbol: string; source: string; downloaded: boolean | null; received_at: Date; created_at: Date }>(
      `SELECT i.symbol, n.source, (n.meta->>'downloaded')::boolean AS downloaded, n.received_at, i.created_at
       FROM intents i JOIN news_items n ON n.id = i.news_item_id WHERE i.kind = 'entry'`,
    );
    expect(rows.length).toBe(entries.length);
    for (const r of rows) {
      expect(r).toMatchObject({ source: 'alpaca', downloaded: true });
      expect(r.received_at.getTime()).toBeLessThanOrEqual(r.created_at.getTime());
    }
  });
});
