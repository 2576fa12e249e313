import { describe, expect, it } from 'vitest';
import { minutesIntoDay, scan, type ScanDeps } from './scan.ts';
import { refreshUniverse, type RefreshDeps } from './refresh-universe.ts';
import { DEFAULT_SCANNER } from '../../strategy/scanner/rank.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { DAY_MS } from '../../domain/time.ts';
import type { Asset, Bar, Snapshot } from '../../domain/market.ts';
import type { AnalysisStore, StoredCandidate, SymbolStats } from '../../ports/analysis-store.port.ts';
import type { MarketData, BarsQuery } from '../../ports/market-data.port.ts';
import type { NewsStore, StoredNewsItem } from '../../ports/news-store.port.ts';
import type { Broker } from '../../ports/broker.port.ts';

const asset = (symbol: string, assetClass: Asset['assetClass']): Asset => ({
  symbol, name: symbol, exchange: assetClass === 'crypto' ? 'CRYPTO' : 'NASDAQ', assetClass, status: 'active', tradable: true,
  shortable: assetClass !== 'crypto', easyToBorrow: assetClass !== 'crypto', fractionable: true, marginable: assetClass !== 'crypto',
  minTradeIncrement: assetClass === 'crypto' ? 1e-9 : 1, priceIncrement: assetClass === 'crypto' ? 0.01 : 0.01, minOrderSize: assetClass === 'crypto' ? 0.0001 : 1,
});
const ASSETS = [asset('ACME', 'us_equity'), asset('BTC/USD', 'crypto'), asset('SOL/USD', 'crypto'), asset('ETH/USD', 'crypto')];

/** A Saturday, 06:00 in New York: the stock market is shut, crypto trades. */
const SATURDAY_6AM = newYorkTime('2026-11-21', '06:00');

const item = (id: number, symbols: string[], headline: string, publishedAt: number): StoredNewsItem =>
  ({ id, storyId: id, headline, publishedAt, allSymbols: symbols, analysis: { sentimentScore: 0.8, catalystType: 'partnership', catalystWeight: 0.8, catalystBlocksLong: false } }) as unknown as StoredNewsItem;

const snapshot = (symbol: string, price: number, volume: number, prevClose: number): Snapshot => ({
  symbol,
  latestTrade: { t: SATURDAY_6AM - 1_000, price, size: 1 } as Snapshot['latestTrade'],
  latestQuote: { t: SATURDAY_6AM - 1_000, bidPrice: price * 0.9999, askPrice: price * 1.0001, bidSize: 1, askSize: 1 } as Snapshot['latestQuote'],
  minuteBar: null,
  dailyBar: { t: newYorkTime('2026-11-21', '00:00'), o: prevClose, h: price, l: prevClose, c: price, v: volume },
  prevDailyBar: { t: newYorkTime('2026-11-20', '00:00'), o: prevClose, h: prevClose, l: prevClose, c: prevClose, v: volume },
});

function fakes(news: StoredNewsItem[], stats: SymbolStats[] = []) {
  const snapshotCalls: string[][] = [];
  const saved: { cycleId: number; symbols: string[] }[] = [];
  const snaps = new Map([snapshot('BTC/USD', 70_000, 300, 68_000), snapshot('SOL/USD', 150, 90_000, 145), snapshot('ETH/USD', 3_000, 5_000, 2_990), snapshot('ACME', 20, 1e6, 19)].map((s) => [s.symbol, s]));
  const deps: ScanDeps = {
    clock: { now: () => SATURDAY_6AM },
    news: { latestKnown: async () => news } as unknown as NewsStore,
    marketData: {
      getSnapshots: async (symbols: readonly string[]) => (snapshotCalls.push([...symbols]), new Map(symbols.flatMap((s) => (snaps.has(s) ? [[s, snaps.get(s)!] as const] : [])))),
    } as unknown as MarketData,
    analysis: {
      assets: async () => ASSETS,
      stats: async (symbols: readonly string[]) => new Map(stats.filter((s) => symbols.includes(s.symbol)).map((s) => [s.symbol, s])),
      saveCandidates: async (cycleId: number, at: number, candidates: readonly StoredCandidate[]) => {
        saved.push({ cycleId, symbols: candidates.map((c) => c.symbol) });
        return candidates.map((c, i) => ({ ...c, id: i + 1, cycleId, at }));
      },
    } as unknown as AnalysisStore,
  };
  return { deps, snapshotCalls, saved };
}

const universe = { symbols: [], exchanges: [], cryptoEnabled: true };

describe('scan with a market selector', () => {
  const news = [
    item(1, ['BTCUSD'], 'Bitcoin ETF sees record inflows', SATURDAY_6AM - 20 * 60_000),
    item(2, ['SOLUSD', 'SOL/USD'], 'Solana network upgrade goes live', SATURDAY_6AM - 10 * 60_000),
    item(3, ['ACME'], 'Acme wins a large contract', SATURDAY_6AM - 5 * 60_000),
  ];

  it('ranks_only_the_crypto_pairs_when_asked_for_crypto_matching_news_tagged_without_the_slash', async () => {
    const { deps, snapshotCalls, saved } = fakes(news);
    const r = await scan(deps, 9, universe, DEFAULT_SCANNER, 120, 'crypto');
    expect(r.universe).toBe(3);
    expect(r.withNews).toBe(2);
    expect(snapshotCalls).toEqual([['BTC/USD', 'SOL/USD']]);
    expect(r.candidates.map((c) => c.symbol).sort()).toEqual(['BTC/USD', 'SOL/USD']);
    expect(saved).toEqual([{ cycleId: 9, symbols: expect.arrayContaining(['BTC/USD', 'SOL/USD']) }]);
    // The item tagged twice (BTCUSD-style and BTC/USD-style) counts once.
    expect(r.candidates.find((c) => c.symbol === 'SOL/USD')!.newsItemIds).toEqual([2]);
  });

  it('keeps_a_pair_priced_above_the_stock_price_band', async () => {
    const { deps } = fakes(news);
    const r = await scan(deps, 9, universe, { ...DEFAULT_SCANNER, maxPrice: 1_000 }, 120, 'crypto');
    expect(r.excluded).toEqual([]);
    expect(r.candidates.find((c) => c.symbol === 'BTC/USD')!.features.price).toBe(70_000);
  });

  it('ranks_only_stocks_by_default', async () => {
    const { deps, snapshotCalls } = fakes(news);
    const r = await scan(deps, 9, universe, DEFAULT_SCANNER, 120);
    expect(r.universe).toBe(1);
    expect(snapshotCalls).toEqual([['ACME']]);
    expect(r.candidates.map((c) => c.symbol)).toEqual(['ACME']);
  });

  it('measures_a_pairs_relative_volume_from_new_york_midnight', async () => {
    // 6 hours into a 24-hour day; a 20-day average of 360,000 SOL a day; 90,000 traded so far.
    const stats: SymbolStats[] = [{ symbol: 'SOL/USD', asOf: '2026-11-20', prevClose: 145, avgVolume20d: 360_000, avgDollarVolume20d: 5e7, atr14d: 5 }];
    const { deps } = fakes(news, stats);
    const r = await scan(deps, 9, universe, DEFAULT_SCANNER, 120, 'crypto');
    const rvol = r.candidates.find((c) => c.symbol === 'SOL/USD')!.features.relativeVolume!;
    expect(minutesIntoDay(SATURDAY_6AM, 'crypto')).toEqual({ minutesSinceOpen: 360, sessionMinutes: 1440 });
    // A quarter of the day gone, a quarter of the average day traded: about 1x (the intraday curve bends it a little).
    expect(rvol).toBeGreaterThan(0.7);
    expect(rvol).toBeLessThan(1.3);
  });

  it('counts_stock_minutes_from_the_regular_open_and_none_on_a_day_without_a_session', () => {
    expect(minutesIntoDay(SATURDAY_6AM, 'stocks')).toEqual({ minutesSinceOpen: 0, sessionMinutes: 390 });
    expect(minutesIntoDay(newYorkTime('2026-11-23', '10:30'), 'stocks')).toEqual({ minutesSinceOpen: 60, sessionMinutes: 390 });
    expect(minutesIntoDay(newYorkTime('2026-11-23', '00:30'), 'crypto')).toEqual({ minutesSinceOpen: 30, sessionMinutes: 1440 });
  });
});

describe('scan over inputs shared with other runs', () => {
  const news = [item(3, ['ACME'], 'Acme wins a large contract', SATURDAY_6AM - 5 * 60_000)];

  it('ranks_what_the_shared_inputs_answer_and_reads_the_market_only_for_the_first_run', async () => {
    const kept = new Map<string, Awaited<ReturnType<NonNullable<ScanDeps['sharedInputs']>>>>();
    const sharedInputs: ScanDeps['sharedInputs'] = async (at, market, compute) => {
      const key = `${market}|${at}`;
      if (!kept.has(key)) kept.set(key, await compute());
      return kept.get(key)!;
    };
    const first = fakes(news);
    const alone = await scan(first.deps, 9, universe, DEFAULT_SCANNER, 120);
    const a = await scan({ ...first.deps, sharedInputs }, 9, universe, DEFAULT_SCANNER, 120);
    const second = fakes(news);
    const b = await scan({ ...second.deps, sharedInputs }, 9, universe, { ...DEFAULT_SCANNER, minCatalyst: 0.9 }, 120);
    expect(a).toEqual(alone);
    expect(second.snapshotCalls).toEqual([]);
    // The second run's own setting still ranks: too weak a catalyst for it.
    expect(b.candidates).toEqual([]);
    expect(b.withNews).toBe(1);
    // What the shared inputs say is what is ranked (a wrong shared answer shows in the candidates).
    const [stocks] = [...kept.values()];
    kept.set(`stocks|${SATURDAY_6AM}`, { ...stocks!, inputs: stocks!.inputs.map((i) => ({ ...i, lastPrice: 2_000 })) });
    const c = await scan({ ...fakes(news).deps, sharedInputs }, 9, universe, DEFAULT_SCANNER, 120);
    expect(c.candidates).toEqual([]);
    expect(c.excluded.map((e) => e.symbol)).toEqual(['ACME']);
  });
});

describe('scan reads each company its own news direction', () => {
  it('scores_the_acquirer_by_its_own_reading_not_the_items', async () => {
    // "Acme to acquire Beta at a 40% premium": the item reads positive (for Beta); Acme, the acquirer, is not a long.
    const deal = item(4, ['ACME', 'BETA'], 'Acme to acquire Beta at a 40% premium', SATURDAY_6AM - 5 * 60_000);
    deal.analysis.companies = [
      { symbol: 'ACME', role: 'acquirer', score: -0.12, direction: 'neutral', catalyst: 'merger-acquisition', action: null },
      { symbol: 'BETA', role: 'target', score: 0.78, direction: 'positive', catalyst: 'merger-acquisition', action: null },
    ];
    const { deps } = fakes([deal]);
    const r = await scan(deps, 9, universe, { ...DEFAULT_SCANNER, minCatalyst: 0 }, 120);
    const acme = r.candidates.find((c) => c.symbol === 'ACME')!;
    expect(acme.features.catalystScore).toBeLessThan(0);
    expect(acme.direction).toBe('short');
  });
});

describe('refreshUniverse with crypto enabled', () => {
  const daily = (from: number, days: number, price: number): Bar[] => Array.from({ length: days }, (_, i) => ({ t: from + i * DAY_MS, o: price, h: price + 2, l: price - 2, c: price + i, v: 1_000 }));

  it('stores_statistics_for_the_pairs_from_completed_new_york_days_in_one_call_per_market', async () => {
    const calls: BarsQuery[] = [];
    const saved: SymbolStats[] = [];
    const midnight = newYorkTime('2026-11-21', '00:00');
    const deps: RefreshDeps = {
      clock: { now: () => SATURDAY_6AM },
      broker: { getAssets: async () => ASSETS } as unknown as Broker,
      marketData: {
        getBars: async (q: BarsQuery) => {
          calls.push(q);
          const crypto = q.symbols.some((s) => s.includes('/'));
          // Crypto bars include today's, still forming, stamped at today's midnight.
          return new Map(q.symbols.map((s) => [s, crypto ? daily(midnight - 20 * DAY_MS, 21, 100) : daily(midnight - 30 * DAY_MS, 20, 50)]));
        },
      } as unknown as MarketData,
      analysis: { upsertAssets: async () => ASSETS.length, upsertStats: async (s: readonly SymbolStats[]) => (saved.push(...s), s.length) } as unknown as AnalysisStore,
    };
    const r = await refreshUniverse(deps, universe);
    expect(r).toEqual({ assets: 4, universe: 4, stats: 4 });
    expect(calls.map((c) => [...c.symbols])).toEqual([['ACME'], ['BTC/USD', 'SOL/USD', 'ETH/USD']]);
    expect(calls[1]!.end).toBe(midnight);
    const btc = saved.find((s) => s.symbol === 'BTC/USD')!;
    expect(btc).toMatchObject({ asOf: '2026-11-20', prevClose: 119, avgVolume20d: 1_000 });
    expect(saved.find((s) => s.symbol === 'ACME')!.asOf).toBe('2026-11-20');
  });

  it('makes_no_crypto_call_when_crypto_is_off', async () => {
    const calls: BarsQuery[] = [];
    const deps: RefreshDeps = {
      clock: { now: () => SATURDAY_6AM },
      broker: { getAssets: async () => ASSETS } as unknown as Broker,
      marketData: { getBars: async (q: BarsQuery) => (calls.push(q), new Map()) } as unknown as MarketData,
      analysis: { upsertAssets: async () => 4, upsertStats: async () => 0 } as unknown as AnalysisStore,
    };
    expect(await refreshUniverse(deps, { ...universe, cryptoEnabled: false })).toEqual({ assets: 4, universe: 1, stats: 0 });
    expect(calls.map((c) => [...c.symbols])).toEqual([['ACME']]);
  });
});
