import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';
import { steppingClock } from './support/sim-system.ts';
import { createSyntheticMarket, type SyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { SimMarketData } from '../lib/adapters/sim/sim-market-data.ts';
import { SimBroker } from '../lib/adapters/sim/broker/sim-broker.ts';
import { SimNewsSource } from '../lib/adapters/sim/sim-news-source.ts';
import { PgNewsStore } from '../lib/adapters/postgres/news.repo.ts';
import { PgAnalysisStore } from '../lib/adapters/postgres/analysis.repo.ts';
import { refreshUniverse } from '../lib/app/scan/refresh-universe.ts';
import { collectNews } from '../lib/app/news/collect-news.ts';
import { analyseItem, sameStory } from '../lib/app/news/analyse-item.ts';
import { scan, type ScanReport } from '../lib/app/scan/scan.ts';
import { DEFAULT_SCANNER } from '../lib/strategy/scanner/rank.ts';
import { createLogger } from '../lib/platform/logger.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';

/**
 * Issue 5: a scan of the simulator's market ranks first the symbols its news moved. The synthetic market
 * knows every story it published and how far it moved its stock (`newsEventsBetween`); the scanner sees
 * only what the system sees (the news as collected and analysed, one snapshot call, daily statistics).
 * At four times of a session: every ranked symbol was moved by its own news in the direction the scanner
 * reads, the leader by at least 3 %; stories that moved nothing and stocks that moved without a story
 * (beta, macro news, noise) are never ranked.
 */
const DAY = '2026-11-16';
const SYMBOLS = 300;
const NEWS_WINDOW_MINUTES = 240;
/** A stock that moved this much since the previous close without any story of its own moved without news. */
const MOVED_WITHOUT_NEWS = 0.03;
const UNIVERSE = { symbols: [], exchanges: [], cryptoEnabled: false };

interface ScanAt {
  at: string;
  report: ScanReport;
  /** Per symbol with stories in the window: the market's reaction to each (fraction, signed). */
  reactions: Map<string, number[]>;
  /** Symbols that moved at least MOVED_WITHOUT_NEWS since the previous close with no story of their own. */
  movedWithoutNews: string[];
}

describe('scan of the simulated market (real Postgres)', () => {
  let db: TestDb;
  let market: SyntheticMarket;
  const clock = steppingClock(newYorkTime(DAY, '09:20'));
  const scans: ScanAt[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    market = createSyntheticMarket({ seed: 7, start: addDays(DAY, -60), symbols: SYMBOLS, newsRate: 4 });
    const marketData = new SimMarketData(market, clock);
    const analysis = new PgAnalysisStore(db.pool);
    const news = new PgNewsStore(db.pool, sameStory);
    const log = createLogger({ level: 'error' });
    await refreshUniverse({ broker: new SimBroker({ feed: market, clock }), marketData, analysis, clock }, UNIVERSE);
    const assets = await analysis.assets({ tradableOnly: true });
    const symbols = assets.map((a) => a.symbol);
    for (const [i, at] of ['10:00', '11:30', '13:00', '14:30'].entries()) {
      clock.set(newYorkTime(DAY, at));
      await collectNews(
        { sources: [new SimNewsSource(market, clock)], store: news, analyse: analyseItem, assets: async () => assets, clock, log },
        { lookbackMs: 6 * 3_600_000, overlapMs: 10 * 60_000, sourceTimeoutMs: 10_000 },
      );
      const now = clock.now();
      const reactions = new Map<string, number[]>();
      for (const e of market.newsEventsBetween(now - NEWS_WINDOW_MINUTES * 60_000, now)) {
        if (e.symbol !== null) reactions.set(e.symbol, [...(reactions.get(e.symbol) ?? []), e.reaction.priceImpact]);
      }
      // Today's story-free movers, from the test's own snapshot of the whole market (not the scan's calls).
      const withStoriesToday = new Set(market.newsEventsBetween(now - 24 * 3_600_000, now).flatMap((e) => (e.symbol ? [e.symbol] : [])));
      const snapshots = await marketData.getSnapshots(symbols);
      const movedWithoutNews = symbols.filter((s) => {
        const snap = snapshots.get(s);
        const last = snap?.latestTrade?.price;
        const prev = snap?.prevDailyBar?.c;
        return !withStoriesToday.has(s) && last !== undefined && prev !== undefined && Math.abs(last / prev - 1) >= MOVED_WITHOUT_NEWS;
      });
      const report = await scan({ marketData, news, analysis, clock }, i + 1, UNIVERSE, { ...DEFAULT_SCANNER, topN: 200 }, NEWS_WINDOW_MINUTES);
      scans.push({ at, report, reactions, movedWithoutNews });
    }
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('ranks_only_symbols_its_news_moved_the_way_the_scanner_reads_it', () => {
    for (const s of scans) {
      expect(s.report.candidates.length, `${s.at}: candidates`).toBeGreaterThan(2);
      for (const c of s.report.candidates) {
        // A long candidate was moved up by one of its stories; a blocked one (shorts off) down.
        const moves = s.reactions.get(c.symbol) ?? [];
        expect(moves.some((m) => (c.blocked ? m < 0 : m > 0)), `${s.at}: #${c.rank} ${c.symbol} (${c.blocked ? 'blocked' : 'long'}) moved by its news: ${moves.join(', ')}`).toBe(true);
      }
      // The leader is a real mover: at least 3 % on its news.
      const leader = s.report.candidates[0]!;
      expect(Math.max(...s.reactions.get(leader.symbol)!), `${s.at}: leader ${leader.symbol}`).toBeGreaterThanOrEqual(0.03);
    }
  });

  it('never_ranks_symbols_whose_news_moved_nothing_or_that_moved_without_news', () => {
    let noiseOnly = 0;
    let movers = 0;
    for (const s of scans) {
      const ranked = new Set(s.report.candidates.map((c) => c.symbol));
      const noise = [...s.reactions].filter(([, moves]) => moves.every((m) => m === 0)).map(([symbol]) => symbol);
      noiseOnly += noise.length;
      movers += s.movedWithoutNews.length;
      expect(noise.filter((n) => ranked.has(n)), `${s.at}: stories that moved nothing`).toEqual([]);
      expect(s.movedWithoutNews.filter((n) => ranked.has(n)), `${s.at}: moves without a story`).toEqual([]);
      expect([...ranked].filter((r) => !s.reactions.has(r)), `${s.at}: ranked without a story in the window`).toEqual([]);
    }
    // Neither check passes for want of examples.
    expect(noiseOnly).toBeGreaterThan(0);
    expect(movers).toBeGreaterThan(0);
  });

  it('makes_one_multi_symbol_market_data_call_per_scan', () => {
    for (const s of scans) {
      expect(s.report.withNews).toBeGreaterThan(s.report.candidates.length);
      expect(s.report.dataCalls).toBe(1);
    }
  });
});
