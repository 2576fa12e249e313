import type { Clock } from '../../ports/clock.port.ts';
import type { NewsSource, SkippedNewsItem } from '../../ports/news-source.port.ts';
import type { AnalysedNewsItem, IngestReport, NewsAnalysisRecord, NewsStore } from '../../ports/news-store.port.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { Asset } from '../../domain/market.ts';
import type { Logger } from '../../platform/logger.ts';
import { isAppError } from '../../shared/errors.ts';

export interface CollectNewsDeps {
  sources: readonly NewsSource[];
  store: NewsStore;
  /** Sentiment, catalyst, ticker links and fingerprint of one item (pure). */
  analyse: (item: NewsItem, assets: readonly Asset[]) => NewsAnalysisRecord;
  assets: () => Promise<readonly Asset[]>;
  clock: Clock;
  log: Logger;
}

export interface CollectNewsOptions {
  /** How far back a source with nothing stored yet is read. */
  lookbackMs: number;
  /** Re-read this much before a source's newest stored version, so late edits are caught. */
  overlapMs: number;
  /** A source that has not answered by then is abandoned for this run. */
  sourceTimeoutMs: number;
}

export interface SourceOutcome {
  source: string;
  fetched: number;
  skipped: number;
  durationMs: number;
  error?: { code: string; message: string };
}

export interface CollectNewsReport {
  sources: SourceOutcome[];
  ingest: IngestReport;
}

async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  // A source that has already answered (an in-memory one, every collect of a backtest) cannot be late: its
  // settlement runs before this function's next turn, so no timer is armed and cleared for it.
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  await undefined;
  if (settled) return work;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms`), { code: 'DEPENDENCY_TIMEOUT' })), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Pulls every configured source in parallel (a source that is down or slow never stops the others),
 * analyses each item, and stores every new version in one batch. Malformed items are skipped with a reason.
 */
export async function collectNews(deps: CollectNewsDeps, options: CollectNewsOptions): Promise<CollectNewsReport> {
  const now = deps.clock.now();
  const [newest, assets] = await Promise.all([deps.store.newestVersionBySource(), deps.assets()]);
  const outcomes = await Promise.all(
    deps.sources.map(async (source) => {
      const started = performance.now();
      const stored = newest.get(source.name);
      const since = stored === undefined ? now - options.lookbackMs : Math.min(stored, now) - options.overlapMs;
      try {
        const batch = await within(source.fetchSince({ since, until: now }), options.sourceTimeoutMs, source.name);
        return { source: source.name, batch, durationMs: Math.round(performance.now() - started) };
      } catch (e) {
        const code = isAppError(e) ? e.code : ((e as { code?: string }).code ?? 'INTERNAL');
        const message = e instanceof Error ? e.message : String(e);
        deps.log.warn('news source failed', { source: source.name, code, message });
        return { source: source.name, batch: null, durationMs: Math.round(performance.now() - started), error: { code, message } };
      }
    }),
  );
  const analysed: AnalysedNewsItem[] = [];
  const skipped: SkippedNewsItem[] = [];
  // Sources stamp receivedAt when they answer, after `now`: judge them against the time after the fetch.
  const fetchedBy = deps.clock.now();
  for (const o of outcomes) {
    if (!o.batch) continue;
    skipped.push(...o.batch.skipped);
    for (const item of o.batch.items) {
      // Never store what we could not have known yet (a clock skew or a source's future timestamp).
      if (item.receivedAt > fetchedBy) {
        skipped.push({ source: item.source, sourceId: item.sourceId, reason: 'received in the future of this run' });
        continue;
      }
      try {
        analysed.push({ item, analysis: deps.analyse(item, assets) });
      } catch (e) {
        skipped.push({ source: item.source, sourceId: item.sourceId, reason: `analysis failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
  }
  const ingest = await deps.store.ingest(analysed, skipped, fetchedBy);
  return {
    sources: outcomes.map((o) => ({
      source: o.source,
      fetched: o.batch?.items.length ?? 0,
      skipped: o.batch?.skipped.length ?? 0,
      durationMs: o.durationMs,
      ...(o.error ? { error: o.error } : {}),
    })),
    ingest,
  };
}
