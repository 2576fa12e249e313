import type { Asset } from '../../domain/market.ts';
import type { IsoDate } from '../../domain/time.ts';
import { createPool } from '../../adapters/postgres/pool.ts';
import { PgHistoryRepo } from '../../adapters/replay/history.repo.ts';
import { pgSessionSource } from '../../adapters/replay/pg-session-source.ts';
import { syntheticSessionSource } from '../../adapters/replay/synthetic-session-source.ts';
import { planOnce, firstSessionsMemo, type FirstSessionsMemo } from '../../adapters/replay/session-cache.ts';
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

/**
 * Sessions a worker keeps packed (the study's first ones: every trial streams from the study's start and reads
 * them). A held session saves its generation or query and its packing (about 60 ms CPU at 100 symbols here)
 * per trial; it costs about 5 MB at 100 symbols and 25 MB at 500 (packed minute columns, extended hours).
 * 12 keep a worker's memo near 300 MB at 500 symbols, so two workers stay near issue 16's 1 GB.
 */
export const TRIAL_CACHE_SESSIONS = 12;

/** A worker's streamed study history: each trial opens its own feed over the shared, bounded cache. */
export interface TrialHistorySource {
  /** A fresh feed over the study (its sessions load as the trial reaches them). */
  open(): Promise<StreamingReplayFeed>;
  /** What the shared cache holds and how often it answered. */
  stats(): ReturnType<FirstSessionsMemo<PackedSession>['stats']>;
  close(): Promise<void>;
}

/**
 * The study's history as a session source: the window `loadTrialHistory` used to load whole (70 days of
 * context before `from`, through the end of `to`), now read a session at a time; stored history through one
 * pooled connection to `history.url` kept for the worker's life.
 */
export function trialHistorySource(options: TrialHistoryOptions): TrialHistorySource {
  const h = options.history;
  // The source remembers the plan (daily context); the memo the first sessions packed, for every trial's feed.
  const packed = firstSessionsMemo<PackedSession>(options.cacheSessions ?? TRIAL_CACHE_SESSIONS);
  const open = (source: SessionSource) => () => openStreamingFeed(source, { packed });
  if (h.kind === 'synthetic') {
    // The market's own assets and modelled spreads, as the whole-window feed had them; cacheBars: a small memo
    // of generated bars, as `npm run backtest -- --synthetic` streams it (the default holds millions).
    const market = createSyntheticMarket({ seed: h.seed, start: addDays(options.from, -70), symbols: h.symbols, crypto: false, newsRate: h.newsRate, cacheBars: 50_000 });
    const source = planOnce(syntheticSessionSource(market, { from: options.from, to: options.to }, options.symbols ? { symbols: options.symbols } : {}));
    return { open: open(source), stats: packed.stats, close: async () => {} };
  }
  const pool = createPool({ url: h.url, ...(h.caCert ? { caCert: h.caCert } : {}), max: 1, applicationName: 'catalyst-optimize' });
  const source = planOnce(
    pgSessionSource(new PgHistoryRepo(pool), {
      from: newYorkTime(addDays(options.from, -70), '00:00'),
      to: newYorkTime(addDays(options.to, 1), '00:00'),
      ...(options.symbols ? { symbols: options.symbols } : {}),
      ...(options.assets ? { assets: options.assets } : {}),
      ...(options.spreadBps ? { spreadBps: options.spreadBps } : {}),
    }),
  );
  return { open: open(source), stats: packed.stats, close: () => pool.end() };
}
