import * as z from 'zod/mini';
import type { Timeframe } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { HistoryBar } from './history-types.ts';

// Database rows are parsed at the edge too: a migration gone wrong should fail loudly, not replay garbage.
const timeframe = z.pipe(
  z.string().check(z.refine((s) => /^\d+(Min|Hour|Day|Week|Month)$/.test(s), 'expected a timeframe')),
  z.transform((s) => s as Timeframe),
);
const count = z.pipe(z.union([z.string(), z.number()]), z.transform((v) => Number(v)));

export const barRowSchema = z.object({
  symbol: z.string(),
  timeframe,
  t: z.date(),
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number(),
  vw: z.nullable(z.number()),
  n: z.nullable(count),
  adj_close: z.nullable(z.number()),
});

export const newsRowSchema = z.object({
  source: z.string(),
  source_id: z.string(),
  version: z.date(),
  published_at: z.date(),
  headline: z.string(),
  summary: z.string(),
  url: z.nullable(z.string()),
  symbols: z.array(z.string()),
  content_hash: z.string(),
  meta: z.record(z.string(), z.unknown()),
});

export const seriesRowSchema = z.pipe(
  z.object({ symbol: z.string(), timeframe, bars: count, first: z.date(), last: z.date() }),
  z.transform((r) => ({ symbol: r.symbol, timeframe: r.timeframe, bars: r.bars, first: r.first.getTime(), last: r.last.getTime() })),
);

export const spanRowSchema = z.object({ symbol: z.string(), first: z.nullable(z.date()), last: z.nullable(z.date()) });

/** A stored bar row as a HistoryBar (optional fields only when stored). */
export function toHistoryBar(r: z.output<typeof barRowSchema>): HistoryBar {
  return {
    symbol: r.symbol,
    timeframe: r.timeframe,
    bar: { t: r.t.getTime(), o: r.o, h: r.h, l: r.l, c: r.c, v: r.v, ...(r.vw === null ? {} : { vw: r.vw }), ...(r.n === null ? {} : { n: r.n }) },
    ...(r.adj_close === null ? {} : { adjClose: r.adj_close }),
  };
}

/** A stored news row as a NewsItem; history is received when the version was published. */
export function toNewsItem(r: z.output<typeof newsRowSchema>): NewsItem {
  return {
    source: r.source,
    sourceId: r.source_id,
    version: r.version.getTime(),
    publishedAt: r.published_at.getTime(),
    receivedAt: r.version.getTime(),
    headline: r.headline,
    summary: r.summary,
    url: r.url,
    symbols: r.symbols,
    contentHash: r.content_hash,
    ...(Object.keys(r.meta).length ? { meta: r.meta } : {}),
  };
}
