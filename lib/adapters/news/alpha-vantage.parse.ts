import * as z from 'zod/mini';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsBatch, SkippedNewsItem } from '../../ports/news-source.port.ts';
import { uniqueSymbols } from './feed-text.ts';
import { buildNewsItem, isHttpUrl, issuesReason, REPORT, skip } from './news-item.build.ts';

export const ALPHA_VANTAGE_SOURCE = 'alphavantage';

// Scores arrive as decimal strings inside ticker_sentiment and topics, as numbers at the top level.
const Decimal = z.string().check(z.regex(/^-?\d+(\.\d+)?$/));

const TickerSentiment = z.object({
  ticker: z.string().check(z.minLength(1)),
  relevance_score: Decimal,
  ticker_sentiment_score: Decimal,
  ticker_sentiment_label: z.string(),
});

const Topic = z.object({ topic: z.string(), relevance_score: Decimal });

/** One element of `feed[]`, as documented for function=NEWS_SENTIMENT. */
export const AlphaVantageFeedItem = z.object({
  title: z.string(),
  url: z.string(),
  time_published: z.string().check(z.regex(/^\d{8}T\d{6}Z?$/)),
  authors: z.optional(z.array(z.string())),
  summary: z.optional(z.nullable(z.string())),
  source: z.optional(z.string()),
  category_within_source: z.optional(z.string()),
  source_domain: z.optional(z.string()),
  topics: z.optional(z.array(Topic)),
  overall_sentiment_score: z.optional(z.number()),
  overall_sentiment_label: z.optional(z.string()),
  ticker_sentiment: z.array(TickerSentiment),
});

const FeedReply = z.object({ items: z.optional(z.string()), feed: z.array(z.unknown()) });
const NoticeReply = z.object({
  Information: z.optional(z.string()),
  Note: z.optional(z.string()),
  'Error Message': z.optional(z.string()),
});

/** What a NEWS_SENTIMENT reply turned out to be: a feed, or one of the notices sent with HTTP 200. */
export type AlphaVantageReply =
  | { kind: 'feed'; feed: unknown[] }
  | { kind: 'rate-limited'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'invalid'; reason: string };

const QUOTA_WORDS = /rate limit|call frequency|requests per (day|minute)|premium/i;

/** Sorts a reply: Alpha Vantage answers quota and key problems with HTTP 200 and a one-key notice. */
export function readAlphaVantageReply(json: unknown): AlphaVantageReply {
  const feed = FeedReply.safeParse(json, REPORT);
  if (feed.success) return { kind: 'feed', feed: feed.data.feed };
  const notice = NoticeReply.safeParse(json);
  if (notice.success) {
    const { Information: info, Note: note, 'Error Message': error } = notice.data;
    const text = note ?? info;
    if (text !== undefined && QUOTA_WORDS.test(text)) return { kind: 'rate-limited', message: text };
    if (error !== undefined || text !== undefined) return { kind: 'refused', message: (error ?? text)! };
  }
  return { kind: 'invalid', reason: issuesReason(feed.error.issues) };
}

/**
 * `YYYYMMDDTHHMMSS` to epoch ms, read as UTC: a recorded LATEST-sorted feed mixes `…T165940Z` and
 * `…T165818` in that order, so the unsuffixed times are UTC too. Null for an impossible date.
 */
export function parseTimePublished(s: string): EpochMs | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(t);
  const exact = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
  return exact && h < 24 && mi < 60 && se < 60 ? t : null;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function mapOne(raw: unknown, receivedAt: EpochMs): NewsItem | SkippedNewsItem {
  const rawUrl = typeof (raw as { url?: unknown } | null)?.url === 'string' ? (raw as { url: string }).url : null;
  const parsed = AlphaVantageFeedItem.safeParse(raw, REPORT);
  if (!parsed.success) return skip(ALPHA_VANTAGE_SOURCE, rawUrl, issuesReason(parsed.error.issues));
  const a = parsed.data;
  const headline = a.title.replace(/\s+/g, ' ').trim();
  if (!headline) return skip(ALPHA_VANTAGE_SOURCE, rawUrl, 'title: empty headline');
  // The feed has no id of its own: the article URL is the only stable identity.
  if (!isHttpUrl(a.url)) return skip(ALPHA_VANTAGE_SOURCE, null, 'url: expected an http(s) URL (the item has no other id)');
  const published = parseTimePublished(a.time_published);
  if (published === null) return skip(ALPHA_VANTAGE_SOURCE, a.url, 'time_published: not a real date and time');
  const tickerSentiment = a.ticker_sentiment.map((t) => ({
    ticker: t.ticker.toUpperCase(),
    relevance: Number(t.relevance_score),
    score: Number(t.ticker_sentiment_score),
    label: t.ticker_sentiment_label,
  }));
  return buildNewsItem(ALPHA_VANTAGE_SOURCE, receivedAt, {
    sourceId: a.url,
    version: published,
    publishedAt: published,
    headline,
    summary: (a.summary ?? '').trim(),
    url: a.url,
    symbols: uniqueSymbols(tickerSentiment.map((t) => t.ticker)),
    meta: compact({
      publisher: a.source,
      sourceDomain: a.source_domain,
      category: a.category_within_source,
      authors: a.authors,
      topics: a.topics?.map((t) => ({ topic: t.topic, relevance: Number(t.relevance_score) })),
      overallSentimentScore: a.overall_sentiment_score,
      overallSentimentLabel: a.overall_sentiment_label,
      tickerSentiment,
    }),
  });
}

/** Maps `feed[]` to NewsItems; an item that does not fit the documented shape is skipped whole. */
export function mapAlphaVantageFeed(feed: readonly unknown[], receivedAt: EpochMs): NewsBatch {
  const batch: NewsBatch = { items: [], skipped: [] };
  for (const raw of feed) {
    const r = mapOne(raw, receivedAt);
    if ('reason' in r) batch.skipped.push(r);
    else batch.items.push(r);
  }
  return batch;
}
