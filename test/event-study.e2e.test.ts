import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { recordSyntheticHistory, type RecordedHistory } from '../lib/adapters/replay/synthetic-history.ts';
import { loadEventStudyData, type EventStudyData } from '../lib/adapters/replay/event-study-data.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { DEFAULT_NEWS_LATENCY, newsDelayOf } from '../lib/adapters/sim/sim-news-source.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { DEFAULT_HORIZONS } from '../lib/domain/research/forward-returns.ts';
import { runEventStudy } from '../lib/app/research/event-study.ts';
import { DIMENSIONS } from '../lib/app/research/event-groups.ts';
import { EVENT_STUDY_FORMAT, EVENT_STUDY_VERSION, formatEventStudy } from '../lib/app/research/event-study-report.ts';

/** The event study over a recorded synthetic market: two sessions of 20 symbols with lively news. */
const FROM = '2026-11-16';
const TO = '2026-11-17';

describe('event study on synthetic history', () => {
  let db: TestDb;
  let recorded: RecordedHistory;
  let data: EventStudyData;
  const study = (seed: number, indexSymbol?: string) =>
    runEventStudy({
      ...data, assets: recorded.assets, latencyOf: (n) => newsDelayOf(n, DEFAULT_NEWS_LATENCY), newsLatency: 'test', from: newYorkTime(FROM, '00:00'),
      to: newYorkTime(addDays(TO, 1), '00:00'), fromDate: FROM, toDate: TO, horizons: DEFAULT_HORIZONS, seed, bootstrap: { resamples: 500, level: 0.95 },
      ...(indexSymbol ? { indexSymbol } : {}),
    });

  beforeAll(async () => {
    db = await createTestDb();
    const repo = new PgHistoryRepo(db.pool);
    const market = createSyntheticMarket({ seed: 4, start: addDays(FROM, -70), symbols: 20, crypto: false, newsRate: 8 });
    recorded = await recordSyntheticHistory(repo, market, { from: FROM, to: TO });
    data = await loadEventStudyData(repo, { from: FROM, to: TO, spreadBps: recorded.spreadBps });
  }, 300_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('measures_every_event_from_a_bar_after_the_news_was_known', () => {
    const doc = study(1);
    expect(doc.events.length).toBeGreaterThan(5);
    for (const e of doc.events) {
      expect(e.knownAt - e.version).toBeGreaterThanOrEqual(DEFAULT_NEWS_LATENCY.minMs);
      expect(e.entryT).toBeGreaterThanOrEqual(e.knownAt);
      expect(e.knownAt).toBeGreaterThanOrEqual(newYorkTime(FROM, '00:00'));
      expect(Object.keys(e.returns)).toEqual(['1m', '5m', '15m', '60m', 'close']);
    }
  });

  it('groups_every_event_once_in_each_dimension', () => {
    const doc = study(1);
    for (const d of DIMENSIONS) {
      expect(doc.groups.filter((g) => g.dimension === d).reduce((s, g) => s + g.events, 0), d).toBe(doc.events.length);
    }
    const all = doc.groups.find((g) => g.dimension === 'all')!;
    const closes = doc.events.map((e) => e.returns.close).filter((x): x is number => x !== null);
    expect(all.returns.close!.n).toBe(closes.length);
    expect(all.returns.close!.mean).toBeCloseTo(closes.reduce((s, x) => s + x, 0) / closes.length, 12);
  });

  it('is_the_same_document_for_the_same_seed_and_versioned', () => {
    expect(JSON.stringify(study(3))).toBe(JSON.stringify(study(3)));
    const doc = study(3);
    expect(doc).toMatchObject({ format: EVENT_STUDY_FORMAT, version: EVENT_STUDY_VERSION });
    expect(doc.settings.indexSymbol).toBeNull();
    expect(formatEventStudy(doc).join('\n')).toMatch(/Not market-adjusted[\s\S]*Definitions:[\s\S]*t: mean \/ \(sample sd/);
  });

  it('market_adjusts_against_a_stored_index_series', () => {
    const index = recorded.assets[0]!.symbol;
    const doc = study(1, index);
    expect(doc.settings.indexSymbol).toBe(index);
    const others = doc.events.filter((e) => e.symbol !== index && e.returns['5m'] !== null);
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((e) => e.adjusted['5m'] !== null && e.adjusted['5m'] !== e.returns['5m'])).toBe(true);
    expect(doc.groups.every((g) => g.adjusted !== null)).toBe(true);
    expect(formatEventStudy(doc).join('\n')).toContain(`Market-adjusted (less ${index})`);
  });
});
