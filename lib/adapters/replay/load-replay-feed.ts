import type { Asset, Timeframe } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import type { PgHistoryRepo } from './history.repo.ts';
import { createReplayFeed, type ReplayFeed, type ReplaySeries } from './replay-feed.ts';

export interface ReplayQuery {
  /** Bars starting and news versioned in [from, to). */
  from: EpochMs;
  to: EpochMs;
  symbols?: readonly string[];
  /**
   * One timeframe for every symbol; by default each symbol's finest stored timeframe in the window, with
   * its stored daily bars before that series starts as context (previous closes, average volumes).
   */
  timeframe?: Timeframe;
  /** News sources to replay (default: all stored). */
  newsSources?: readonly string[];
  assets?: readonly Asset[];
  /** Known quoted spreads, bps (see ReplayFeedInput.spreadBps); modelled from history by default. */
  spreadBps?: number | Readonly<Record<string, number>>;
}

const UNIT_MINUTES: Record<string, number> = { Min: 1, Hour: 60, Day: 1440, Week: 10_080, Month: 43_200 };

function minutesOf(timeframe: Timeframe): number {
  const m = /^(\d+)(Min|Hour|Day|Week|Month)$/.exec(timeframe)!;
  return Number(m[1]) * UNIT_MINUTES[m[2]!]!;
}

/**
 * Which stored series a window replays, by timeframe: each symbol's finest series in the window (or the one
 * asked for), plus its daily series as context when it has one.
 */
export async function chooseSeries(repo: PgHistoryRepo, query: ReplayQuery): Promise<Map<Timeframe, string[]>> {
  const wanted = query.symbols ? new Set(query.symbols) : null;
  const chosen = new Map<string, Timeframe>();
  const hasDaily = new Set<string>();
  for (const s of await repo.series()) {
    if (wanted && !wanted.has(s.symbol)) continue;
    if (s.last < query.from || s.first >= query.to) continue;
    if (query.timeframe && s.timeframe !== query.timeframe) continue;
    if (s.timeframe === '1Day') hasDaily.add(s.symbol);
    const current = chosen.get(s.symbol);
    if (!current || minutesOf(s.timeframe) < minutesOf(current)) chosen.set(s.symbol, s.timeframe);
  }
  const byTimeframe = new Map<Timeframe, string[]>();
  const add = (tf: Timeframe, symbol: string) => {
    const list = byTimeframe.get(tf);
    if (list) list.push(symbol);
    else byTimeframe.set(tf, [symbol]);
  };
  for (const [symbol, tf] of chosen) {
    add(tf, symbol);
    if (!query.timeframe && tf !== '1Day' && hasDaily.has(symbol)) add('1Day', symbol);
  }
  return byTimeframe;
}

/** Loads stored history for a window into a ReplayFeed (one query per timeframe, plus one for news). */
export async function loadReplayFeed(repo: PgHistoryRepo, query: ReplayQuery): Promise<ReplayFeed> {
  const byTimeframe = await chooseSeries(repo, query);
  const series: ReplaySeries[] = [];
  for (const [timeframe, symbols] of byTimeframe) {
    const rows = await repo.loadBars({ timeframe, from: query.from, to: query.to, symbols });
    const grouped = new Map<string, ReplaySeries>();
    for (const r of rows) {
      let s = grouped.get(r.symbol);
      if (!s) grouped.set(r.symbol, (s = { symbol: r.symbol, timeframe, bars: [] }));
      s.bars.push(r.bar);
    }
    series.push(...grouped.values());
  }
  const news = await repo.loadNews({ from: query.from, to: query.to, ...(query.newsSources ? { sources: query.newsSources } : {}) });
  return createReplayFeed({ series, news, ...(query.assets ? { assets: query.assets } : {}), ...(query.spreadBps === undefined ? {} : { spreadBps: query.spreadBps }) });
}
