import { createPool } from '../lib/adapters/postgres/pool.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { SimMarketData } from '../lib/adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../lib/adapters/sim/sim-news-source.ts';
import { PgNewsStore } from '../lib/adapters/postgres/news.repo.ts';
import { PgAnalysisStore } from '../lib/adapters/postgres/analysis.repo.ts';
import { collectNews } from '../lib/app/news/collect-news.ts';
import { analyseItem, sameStory } from '../lib/app/news/analyse-item.ts';
import { dailyStats } from '../lib/app/scan/refresh-universe.ts';
import { scan } from '../lib/app/scan/scan.ts';
import { DEFAULT_SCANNER } from '../lib/strategy/scanner/rank.ts';
import { createLogger } from '../lib/platform/logger.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { previousTradingDay } from '../lib/domain/calendar/nyse-calendar.ts';
import type { SymbolStats } from '../lib/ports/analysis-store.port.ts';
import { scratchSchema } from './scratch-db.ts';
import { median, printFigures, printSection } from './report.ts';

const SYMBOLS = 5_000;
const DAY = '2026-11-16';
const MAX_DATA_CALLS = 10;

/**
 * `npm run bench scan`: the scanner over a 5,000-symbol simulated universe with real PostgreSQL: the market
 * data calls one scan makes (multi-symbol requests only: they grow with pages, not symbols) and its wall
 * time. The news of the morning is collected first and the universe's daily statistics stored, as the
 * coordinator's earlier stages would have.
 */
export async function benchScan(): Promise<boolean> {
  printSection(`Scanner (${SYMBOLS.toLocaleString('en-US')}-symbol simulated universe, real PostgreSQL)`);
  const db = await scratchSchema();
  const pool = createPool({ url: db.url, max: 3 });
  try {
    let now = newYorkTime(DAY, '10:30');
    const clock = { now: () => now };
    const market = createSyntheticMarket({ seed: 42, start: addDays(DAY, -60), symbols: SYMBOLS, newsRate: 4 });
    const marketData = new SimMarketData(market, clock);
    const analysis = new PgAnalysisStore(pool);
    const news = new PgNewsStore(pool, sameStory);
    const assets = market.assets().filter((a) => a.assetClass === 'us_equity');
    await analysis.upsertAssets(assets, now);
    // Statistics from the last five sessions (the refresh uses twenty; generating a month of simulated
    // minutes for 5,000 symbols takes minutes and changes nothing the scan does).
    const prev = previousTradingDay(DAY);
    const daily = await marketData.getBars({ symbols: assets.map((a) => a.symbol), timeframe: '1Day', start: newYorkTime(addDays(prev.date, -7), '00:00'), end: prev.close });
    const stats = assets.flatMap((a): SymbolStats[] => {
      const s = dailyStats(a.symbol, daily.get(a.symbol) ?? [], prev.date);
      return s ? [s] : [];
    });
    await analysis.upsertStats(stats, now);
    const log = createLogger({ level: 'error' });
    const collected = await collectNews(
      { sources: [new SimNewsSource(market, clock)], store: news, analyse: analyseItem, assets: async () => assets, clock, log },
      { lookbackMs: 6 * 3_600_000, overlapMs: 10 * 60_000, sourceTimeoutMs: 60_000 },
    );
    const universe = { symbols: [], exchanges: [], cryptoEnabled: false };
    const runs: { ms: number; calls: number; withNews: number; candidates: number }[] = [];
    for (let i = 0; i < 5; i++) {
      now = newYorkTime(DAY, '10:30') + i * 5 * 60_000;
      const t0 = performance.now();
      const r = await scan({ marketData, news, analysis, clock }, i + 1, universe, DEFAULT_SCANNER, 240);
      runs.push({ ms: performance.now() - t0, calls: r.dataCalls, withNews: r.withNews, candidates: r.candidates.length });
    }
    console.log(`  ${stats.length} symbols with statistics; ${collected.ingest.inserted} news items collected; per scan ${runs[0]!.withNews} symbols with news, ${runs[0]!.candidates} candidates (top ${DEFAULT_SCANNER.topN})`);
    return printFigures([
      { name: `market-data calls per scan (most of ${runs.length} scans)`, value: Math.max(...runs.map((r) => r.calls)), unit: 'calls', target: { value: MAX_DATA_CALLS, better: 'lower' } },
      { name: `scan wall time (median of ${runs.length})`, value: Math.round(median(runs.map((r) => r.ms))), unit: 'ms' },
    ]);
  } finally {
    await pool.end();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = (await benchScan()) ? 0 : 1;
}
