import { describe, expect, it } from 'vitest';
import { collectNews } from './collect-news.ts';
import type { NewsSource, NewsQuery } from '../../ports/news-source.port.ts';
import type { AnalysedNewsItem, NewsStore } from '../../ports/news-store.port.ts';
import type { NewsItem } from '../../domain/news.ts';
import { createLogger } from '../../platform/logger.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const item = (source: string, id: string, over: Partial<NewsItem> = {}): NewsItem => ({
  source, sourceId: id, version: NOW - 60_000, publishedAt: NOW - 60_000, receivedAt: NOW, headline: `${source} ${id}`, summary: '', url: null, symbols: ['ACME'], contentHash: `${source}${id}`, ...over,
});

class MemoryStore implements NewsStore {
  ingested: AnalysedNewsItem[] = [];
  skipped: unknown[] = [];
  constructor(private readonly newest = new Map<string, number>()) {}
  async ingest(items: readonly AnalysedNewsItem[], skipped: readonly { reason: string }[]) {
    this.ingested.push(...items);
    this.skipped.push(...skipped);
    return { inserted: items.length, duplicates: 0, newStories: items.length, skipped: skipped.length };
  }
  async latestKnown() { return []; }
  async versions() { return []; }
  async newestVersionBySource() { return this.newest; }
}

const analyse = (i: NewsItem) => {
  if (i.headline.includes('boom')) throw new Error('cannot analyse');
  return { sentimentScore: 0.5, sentimentLabel: 'positive' as const, catalystType: null, catalystBlocksLong: false, catalystWeight: 0, linkedSymbols: [], fingerprint: i.headline, evidence: {} };
};
const source = (name: string, fetch: (q: NewsQuery) => Promise<{ items: NewsItem[]; skipped: never[] }>): NewsSource => ({ name, fetchSince: fetch });
const deps = (sources: NewsSource[], store: NewsStore) => ({ sources, store, analyse, assets: async () => [], clock: { now: () => NOW }, log: createLogger({ sink: () => undefined }) });
const options = { lookbackMs: 3_600_000, overlapMs: 300_000, sourceTimeoutMs: 200 };

describe('collectNews', () => {
  it('keeps_collecting_when_a_source_fails_or_hangs', async () => {
    const store = new MemoryStore();
    const report = await collectNews(
      deps(
        [
          source('good', async () => ({ items: [item('good', '1'), item('good', '2')], skipped: [] })),
          source('down', async () => Promise.reject(Object.assign(new Error('503'), { code: 'DEPENDENCY_UNAVAILABLE' }))),
          source('hangs', () => new Promise(() => undefined)),
          source('refused', () => Promise.reject(Object.assign(new Error('429'), { code: 'RATE_LIMITED' }))),
          source('late', () => new Promise((resolve) => setTimeout(() => resolve({ items: [item('late', '3')], skipped: [] }), 20))),
        ],
        store,
      ),
      options,
    );
    expect(store.ingested.map((a) => a.item.sourceId)).toEqual(['1', '2', '3']);
    expect(report.sources).toEqual([
      expect.objectContaining({ source: 'good', fetched: 2 }),
      expect.objectContaining({ source: 'down', fetched: 0, error: { code: 'DEPENDENCY_UNAVAILABLE', message: '503' } }),
      expect.objectContaining({ source: 'hangs', fetched: 0, error: expect.objectContaining({ code: 'DEPENDENCY_TIMEOUT' }) }),
      expect.objectContaining({ source: 'refused', fetched: 0, error: { code: 'RATE_LIMITED', message: '429' } }),
      expect.objectContaining({ source: 'late', fetched: 1 }),
    ]);
  });

  it('reads_each_source_from_its_newest_stored_version_minus_the_overlap', async () => {
    const seen: Record<string, number> = {};
    const store = new MemoryStore(new Map([['known', NOW - 120_000]]));
    const spy = (name: string) => source(name, async (q) => ((seen[name] = q.since), { items: [], skipped: [] }));
    await collectNews(deps([spy('known'), spy('fresh')], store), options);
    expect(seen).toEqual({ known: NOW - 120_000 - 300_000, fresh: NOW - 3_600_000 });
  });

  it('keeps_items_a_source_stamped_while_answering', async () => {
    const store = new MemoryStore();
    let t = NOW;
    const clock = { now: () => t };
    const late = source('late', async () => {
      t += 250; // the source answers a moment later and stamps receivedAt with its own "now"
      return { items: [item('late', '1', { receivedAt: t })], skipped: [] };
    });
    await collectNews({ ...deps([late], store), clock }, options);
    expect(store.ingested.map((a) => a.item.sourceId)).toEqual(['1']);
    expect(store.skipped).toEqual([]);
  });

  it('skips_items_it_cannot_analyse_or_could_not_have_known_with_a_reason', async () => {
    const store = new MemoryStore();
    await collectNews(
      deps([source('s', async () => ({ items: [item('s', 'ok'), item('s', 'x', { headline: 'boom' }), item('s', 'future', { receivedAt: NOW + 1 })], skipped: [] }))], store),
      options,
    );
    expect(store.ingested.map((a) => a.item.sourceId)).toEqual(['ok']);
    expect(store.skipped).toEqual([
      { source: 's', sourceId: 'x', reason: 'analysis failed: cannot analyse' },
      { source: 's', sourceId: 'future', reason: 'received in the future of this run' },
    ]);
  });
});
