import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsQuery, NewsSource, SkippedNewsItem } from '../../ports/news-source.port.ts';
import { isAppError, type ErrorCode } from '../../shared/errors.ts';
import { knownSecrets, scrubSecrets, type Logger } from '../../platform/logger.ts';
import { throttleOf } from './source-guard.ts';

/** ok: answered; throttled: not called (quota or backoff); failed: threw; timeout: no answer in time. */
export type SourceStatus = 'ok' | 'throttled' | 'failed' | 'timeout';

/** What one source gave in one collection. */
export interface SourceOutcome {
  source: string;
  status: SourceStatus;
  items: NewsItem[];
  skipped: SkippedNewsItem[];
  /** The error's stable code when not ok (RATE_LIMITED when throttled, DEPENDENCY_TIMEOUT on timeout). */
  errorCode: ErrorCode | null;
  /** A message safe to log and show (no secret) when not ok. */
  error: string | null;
  /** Whether trying again later may help. */
  retryable: boolean;
  /** When throttled: the time the source may be asked again (null when it does not refill). */
  until: EpochMs | null;
  /** Wall time the source took (or was given, on timeout). */
  durationMs: number;
}

export interface CollectOptions {
  /** Per-source limit: a source still busy after this is reported as timed out and left behind. */
  timeoutMs: number;
  log?: Logger;
  /** Monotonic milliseconds, for durations only (default `performance.now`). */
  elapsed?: () => number;
  /** Starts a timer and returns its cancel function (default setTimeout); tests fire it by hand. */
  setTimer?: (ms: number, fire: () => void) => () => void;
}

const defaultTimer = (ms: number, fire: () => void) => {
  const t = setTimeout(fire, ms);
  return () => clearTimeout(t);
};

const TIMED_OUT = Symbol('timed out');

function failedOutcome(source: string, e: unknown, durationMs: number): SourceOutcome {
  const base = { source, items: [], skipped: [], durationMs };
  const throttle = throttleOf(e);
  const message = scrubSecrets(e instanceof Error ? e.message : String(e), knownSecrets());
  if (throttle) {
    const until = Number.isFinite(throttle.until) ? throttle.until : null;
    return { ...base, status: 'throttled', errorCode: 'RATE_LIMITED', error: message, retryable: true, until };
  }
  if (isAppError(e)) return { ...base, status: 'failed', errorCode: e.code, error: message, retryable: e.retryable, until: null };
  return { ...base, status: 'failed', errorCode: 'INTERNAL', error: message, retryable: false, until: null };
}

async function collectOne(source: NewsSource, query: NewsQuery, o: Required<Omit<CollectOptions, 'log'>>): Promise<SourceOutcome> {
  const started = o.elapsed();
  let cancel = () => {};
  const timer = new Promise<typeof TIMED_OUT>((resolve) => (cancel = o.setTimer(o.timeoutMs, () => resolve(TIMED_OUT))));
  // Called inside a promise so a source that throws synchronously is contained like one that rejects.
  const work = Promise.resolve().then(() => source.fetchSince(query));
  // A source that answers after its timeout is ignored, and must not surface as an unhandled rejection.
  work.catch(() => {});
  try {
    const r = await Promise.race([work, timer]);
    const durationMs = o.elapsed() - started;
    if (r === TIMED_OUT) {
      const error = `${source.name}: no answer within ${o.timeoutMs} ms`;
      return { source: source.name, status: 'timeout', items: [], skipped: [], errorCode: 'DEPENDENCY_TIMEOUT', error, retryable: true, until: null, durationMs };
    }
    return { source: source.name, status: 'ok', items: r.items, skipped: r.skipped, errorCode: null, error: null, retryable: false, until: null, durationMs };
  } catch (e) {
    return failedOutcome(source.name, e, o.elapsed() - started);
  } finally {
    cancel();
  }
}

/**
 * Asks every source at once, each under its own timeout, and returns one outcome per source in the given
 * order. A source that throws, is throttled or hangs yields an outcome saying so; it never stops the others.
 */
export async function collectFromSources(sources: readonly NewsSource[], query: NewsQuery, options: CollectOptions): Promise<SourceOutcome[]> {
  if (!(options.timeoutMs > 0)) throw new Error('collectFromSources: timeoutMs must be > 0');
  const o = { timeoutMs: options.timeoutMs, elapsed: options.elapsed ?? (() => performance.now()), setTimer: options.setTimer ?? defaultTimer };
  const outcomes = await Promise.all(sources.map((s) => collectOne(s, query, o)));
  for (const out of outcomes) {
    const fields = { source: out.source, status: out.status, items: out.items.length, skipped: out.skipped.length, durationMs: Math.round(out.durationMs) };
    if (out.status === 'ok') options.log?.debug('news source collected', fields);
    else if (out.status === 'throttled') options.log?.info('news source throttled', { ...fields, error: out.error, until: out.until });
    else options.log?.warn('news source failed', { ...fields, code: out.errorCode, error: out.error, retryable: out.retryable });
  }
  return outcomes;
}
