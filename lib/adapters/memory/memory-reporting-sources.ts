import type { EpochMs } from '../../domain/time.ts';
import type { AnalysisStore, StoredCandidate, StoredSignal } from '../../ports/analysis-store.port.ts';
import type { NewsStore, StoredNewsItem } from '../../ports/news-store.port.ts';
import type { CycleStore } from '../../ports/cycle-store.port.ts';
import { asJsonb } from './memory-json.ts';

/** The other stores the in-memory reporting reader reads through (their ports, not their tables). */
export interface ReportingSources {
  analysis: Pick<AnalysisStore, 'candidatesOf' | 'signalsOf'>;
  news: Pick<NewsStore, 'latestKnown' | 'versions'>;
  cycles: Pick<CycleStore, 'recent' | 'lastSuccessfulAt'>;
}

const ALL = 2 ** 31 - 1;
const END_OF_TIME = Date.parse('9999-12-31T23:59:59Z');

/** The analysis column of a news_items row, rebuilt from the stored item. */
export function analysisColumn(n: StoredNewsItem): unknown {
  const a = n.analysis;
  return asJsonb({ catalystWeight: a.catalystWeight, linkedSymbols: a.linkedSymbols, fingerprint: a.fingerprint, ...(a.companies ? { companies: a.companies } : {}), evidence: a.evidence });
}

/** The features column of a candidates row (its features with the direction and story ids), rebuilt from the stored candidate. */
export const featuresColumn = (c: StoredCandidate): unknown => asJsonb({ ...c.features, direction: c.direction, storyIds: c.storyIds });

/** Candidates, news and cycles for the dashboard, shaped as postgres/reporting.repo.ts shapes them. */
export class ReportingSourcesReader {
  constructor(readonly ports: ReportingSources) {}

  async latestCycleWithCandidates(): Promise<number | null> {
    // Cycle ids grow, so the newest cycle with candidates is the highest cycle id among candidates.
    for (const c of await this.ports.cycles.recent(ALL)) if ((await this.ports.analysis.candidatesOf(c.id)).length) return c.id;
    return null;
  }

  async candidates(cycleId: number): Promise<unknown[]> {
    const [candidates, signals] = await Promise.all([this.ports.analysis.candidatesOf(cycleId), this.ports.analysis.signalsOf(cycleId)]);
    const bySymbol = new Map<string, StoredSignal>(signals.map((s) => [s.symbol, s]));
    return candidates.map((c) => {
      const s = bySymbol.get(c.symbol);
      return {
        id: c.id, cycleId: c.cycleId, at: c.at, symbol: c.symbol, rank: c.rank, score: c.score, blocked: c.blocked, features: featuresColumn(c), reasons: c.reasons,
        newsItemIds: c.newsItemIds, signal: s ? { id: s.id, direction: s.direction, score: s.score, explanation: s.explanation } : null,
      };
    });
  }

  async news(filter: { symbol?: string; knownAt: EpochMs; limit: number }): Promise<unknown[]> {
    const items = await this.ports.news.latestKnown({ knownAt: filter.knownAt, ...(filter.symbol === undefined ? {} : { symbols: [filter.symbol] }), limit: filter.limit });
    return items.map((n) => ({
      id: n.id, storyId: n.storyId, source: n.source, headline: n.headline, summary: n.summary, url: n.url, symbols: n.allSymbols, publishedAt: n.publishedAt,
      receivedAt: n.receivedAt, version: n.version, sentiment: { score: n.analysis.sentimentScore, label: n.analysis.sentimentLabel }, catalyst: n.analysis.catalystType,
      blocksLong: n.analysis.catalystBlocksLong, delayed: n.delayed, companies: n.analysis.companies ?? [],
    }));
  }

  async cycles(limit: number) {
    return (await this.ports.cycles.recent(limit)).map((c) => ({
      id: c.id, startedAt: c.startedAt, finishedAt: c.finishedAt, mode: c.mode, marketPhase: c.marketPhase, status: c.status, stages: c.stages, counts: c.counts, errors: c.errors,
    }));
  }

  async cycleCounts(): Promise<{ total: number; failed: number; lastOkAt: EpochMs | null }> {
    const [all, lastOkAt] = await Promise.all([this.ports.cycles.recent(ALL), this.ports.cycles.lastSuccessfulAt()]);
    return { total: all.length, failed: all.filter((c) => c.status === 'failed').length, lastOkAt };
  }

  /** Every stored version of every item (the count of news_items rows). */
  async newsItemCount(): Promise<number> {
    const latest = await this.ports.news.latestKnown({ knownAt: END_OF_TIME, limit: ALL });
    let n = 0;
    for (const item of latest) n += (await this.ports.news.versions(item.source, item.sourceId)).length;
    return n;
  }

  /** The stored signal with this id: first among its intent's cycle, then any cycle, newest first. */
  async signal(id: number, cycleHint: number | null): Promise<StoredSignal | undefined> {
    if (cycleHint !== null) {
      const s = (await this.ports.analysis.signalsOf(cycleHint)).find((x) => x.id === id);
      if (s) return s;
    }
    for (const c of await this.ports.cycles.recent(ALL)) {
      const s = (await this.ports.analysis.signalsOf(c.id)).find((x) => x.id === id);
      if (s) return s;
    }
    return undefined;
  }

  /** The news versions with these ids among the items of `symbol`, by id. */
  async newsItems(ids: readonly number[], symbol: string): Promise<StoredNewsItem[]> {
    if (ids.length === 0) return [];
    const want = new Set(ids);
    const found = new Map<number, StoredNewsItem>();
    for (const item of await this.ports.news.latestKnown({ knownAt: END_OF_TIME, symbols: [symbol], limit: ALL })) {
      for (const v of await this.ports.news.versions(item.source, item.sourceId)) if (want.has(v.id)) found.set(v.id, v);
      if (found.size === want.size) break;
    }
    return [...found.values()].sort((a, b) => a.id - b.id);
  }

  /** The stored candidate with this id: first among the signal's cycle, then any cycle, newest first. */
  async candidate(id: number, cycleHint: number): Promise<StoredCandidate | undefined> {
    const hinted = (await this.ports.analysis.candidatesOf(cycleHint)).find((x) => x.id === id);
    if (hinted) return hinted;
    for (const c of await this.ports.cycles.recent(ALL)) {
      const found = (await this.ports.analysis.candidatesOf(c.id)).find((x) => x.id === id);
      if (found) return found;
    }
    return undefined;
  }
}
