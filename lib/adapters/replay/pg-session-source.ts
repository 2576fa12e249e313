import type { Bar, Timeframe } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { PgHistoryRepo } from './history.repo.ts';
import { chooseSeries, type ReplayQuery } from './load-replay-feed.ts';
import type { SessionData, SessionSource, StreamPlan } from './session-source.ts';

function groupBars(rows: readonly { symbol: string; bar: Bar }[], into: Map<string, Bar[]>): void {
  for (const r of rows) {
    const list = into.get(r.symbol);
    if (list) list.push(r.bar);
    else into.set(r.symbol, [r.bar]);
  }
}

/**
 * Stored history (the same window and series `loadReplayFeed` would load) as a SessionSource: daily bars
 * held whole as context, each intraday series read a session at a time, one query per timeframe for all
 * symbols and one for news.
 */
export function pgSessionSource(repo: PgHistoryRepo, query: ReplayQuery): SessionSource {
  const intraday = new Map<Timeframe, string[]>();
  return {
    async plan(): Promise<StreamPlan> {
      const byTimeframe = await chooseSeries(repo, query);
      const streamed = new Map<string, Timeframe>();
      const firsts = new Map<string, EpochMs>();
      let last = -Infinity;
      for (const [timeframe, symbols] of byTimeframe) {
        if (timeframe === '1Day') continue;
        intraday.set(timeframe, symbols);
        for (const symbol of symbols) streamed.set(symbol, timeframe);
        for (const [symbol, span] of await repo.spansOf({ timeframe, from: query.from, to: query.to, symbols })) {
          firsts.set(symbol, span.first);
          last = Math.max(last, span.last);
        }
      }
      const firstStreamed = Math.min(...firsts.values());
      // Daily bars are context before a symbol's intraday series starts (all of them for a daily-only symbol).
      const daily = byTimeframe.get('1Day') ?? [];
      const context = new Map<string, Bar[]>();
      if (daily.length) groupBars(await repo.loadBars({ timeframe: '1Day', from: query.from, to: query.to, symbols: daily }), context);
      for (const [symbol, bars] of context) {
        const first = firsts.get(symbol);
        if (first === undefined) continue;
        const firstDay = newYorkDate(first);
        context.set(symbol, bars.filter((b) => newYorkDate(b.t) < firstDay));
      }
      const contextStarts = [...context.values()].flatMap((bars) => (bars.length ? [bars[0]!.t, bars.at(-1)!.t] : []));
      const first = Math.min(firstStreamed, ...contextStarts);
      const lastStart = Math.max(last, ...contextStarts);
      return {
        assets: (query.assets ?? []).filter((a) => streamed.has(a.symbol) || context.has(a.symbol)),
        context,
        streamed,
        from: query.from,
        to: query.to,
        streamFrom: firsts.size ? Math.max(query.from, newYorkTime(newYorkDate(firstStreamed), '00:00')) : query.to,
        newsFrom: query.from,
        span: () => (Number.isFinite(first) ? { first, last: lastStart } : null),
        ...(query.spreadBps === undefined ? {} : { spreadBps: query.spreadBps }),
      };
    },
    async load(window): Promise<SessionData> {
      const bars = new Map<string, Bar[]>();
      for (const [timeframe, symbols] of intraday) groupBars(await repo.loadBars({ timeframe, from: window.from, to: window.to, symbols }), bars);
      const news = await repo.loadNews({ from: window.newsFrom, to: window.to, ...(query.newsSources ? { sources: query.newsSources } : {}) });
      return { bars, news };
    },
  };
}

