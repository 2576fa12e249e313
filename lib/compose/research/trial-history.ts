import type { Asset } from '../../domain/market.ts';
import type { IsoDate } from '../../domain/time.ts';
import { createPool } from '../../adapters/postgres/pool.ts';
import { PgHistoryRepo } from '../../adapters/replay/history.repo.ts';
import { pgSessionSource } from '../../adapters/replay/pg-session-source.ts';
import { syntheticSessionSource } from '../../adapters/replay/synthetic-session-source.ts';
import { planOnce, lruMemo, type BoundedMemo } from '../../adapters/replay/session-cache.ts';
import { openStreamingFeed, type PackedSession, type StreamingReplayFeed } from '../../adapters/replay/streaming-feed.ts';
import type { SessionSource } from '../../adapters/replay/session-source.ts';
import { createSyntheticMarket } from '../../adapters/sim/market/synthetic-market.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';

/** Where the trials' history comes from: stored in Postgres, or the synthetic market built in the worker. */
export type TrialHistory = { kind: 'stored'; url: string; caCert?: string } | { kind: 'synthetic'; seed: number; symbols: number; newsRate: number };

/** The study a worker's trials replay: its history, sessions and symbols. */
export interface TrialHistoryOptions {
  history: TrialHistory;
  from: IsoDate;
  to: IsoDate;
  symbols?: string[];
  assets?: Asset[];
  spreadBps?: Record<string, number>;
  /** Sessions of packed history a worker keeps for its trials (default TRIAL_CACHE_SESSIONS). */
  cacheSessions?: number;
}

/** The sessions one trial replays (a trial's window). */
export interface TrialSpan {
  from: IsoDate;
  to: IsoDate;
}

/**
 * Sessions a worker keeps packed, least recently used dropped. A held session saves its generation or query
 * and its packing (about 60 ms CPU at 100 symbols) per trial that reads it again; it costs about 5 MB at 100
 * symbols and 25 MB at 500 (packed minute columns, extended hours). 12 hold the short halving rungs whole
 * (the 50 trials of a fold's first rung replay 4 sessions, the 17 of its second 8), and keep a worker's memo
 * near 300 MB at 500 symbols, so two workers stay near issue 16's 1 GB. The long rungs (22 and 64 sessions,
 * 6 and 2 trials) pass through it without hits: their few trials cost far more than their loading.
 */
export const TRIAL_CACHE_SESSIONS = 12;

/**
 * Plans a worker keeps, by trial window: a fold's windows are its four halving rungs (same end, later starts)
 * and its out-of-sample window, and a worker runs a fold's trials before the next fold's. A plan holds its
 * windows' daily context (70 days of every symbol: small) and costs about a second to build at 100 symbols.
 */
export const TRIAL_PLANS = 6;

/** A worker's streamed history: each trial opens its own feed, for its own window, over the shared bounded memos. */
export interface TrialHistorySource {
  /** A fresh feed over `window` as a backtest of it would stream it (its sessions load as the trial reaches them). */
  open(window: TrialSpan): Promise<StreamingReplayFeed>;
  /** What the shared memo of packed sessions holds and how often it answered. */
  stats(): ReturnType<BoundedMemo<PackedSession>['stats']>;
  close(): Promise<void>;
}

/**
 * The study's history as session sources, one per trial window: the window `npm run backtest` would stream for
 * it (70 days of daily context before its start, its warm-up session, news from 3 days before), a session at a
 * time; stored history through one pooled connection to `history.url` kept for the worker's life.
 */
export function trialHistorySource(options: TrialHistoryOptions): TrialHistorySource {
  const h = options.history;
  // Plans by window; packed sessions by symbols and session window, shared by every plan's feeds.
  const plans = lruMemo<SessionSource>(TRIAL_PLANS);
  const packed = lruMemo<PackedSession>(options.cacheSessions ?? TRIAL_CACHE_SESSIONS);
  const over = (sourceFor: (w: TrialSpan) => SessionSource) => (w: TrialSpan) => {
    const key = `${w.from}:${w.to}`;
    const source = plans.get(key) ?? planOnce(sourceFor(w));
    plans.set(key, source);
    return openStreamingFeed(source, { packed });
  };
  if (h.kind === 'synthetic') {
    // One market for the study (every window sees the same world); cacheBars: a small memo of generated bars,
    // as `npm run backtest -- --synthetic` streams it (the default holds millions).
    const market = createSyntheticMarket({ seed: h.seed, start: addDays(options.from, -70), symbols: h.symbols, crypto: false, newsRate: h.newsRate, cacheBars: 50_000 });
    const open = over((w) => syntheticSessionSource(market, w, options.symbols ? { symbols: options.symbols } : {}));
    return { open, stats: packed.stats, close: async () => {} };
  }
  const pool = createPool({ url: h.url, ...(h.caCert ? { caCert: h.caCert } : {}), max: 1, applicationName: 'catalyst-optimize' });
  const repo = new PgHistoryRepo(pool);
  const open = over((w) =>
    pgSessionSource(repo, {
      from: newYorkTime(addDays(w.from, -70), '00:00'),
      to: newYorkTime(addDays(w.to, 1), '00:00'),
      ...(options.symbols ? { symbols: options.symbols } : {}),
      ...(options.assets ? { assets: options.assets } : {}),
      ...(options.spreadBps ? { spreadBps: options.spreadBps } : {}),
    }),
  );
  return { open, stats: packed.stats, close: () => pool.end() };
}
