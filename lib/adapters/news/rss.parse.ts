import * as z from 'zod/mini';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsBatch, SkippedNewsItem } from '../../ports/news-source.port.ts';
import { AppError } from '../../shared/errors.ts';
import { parseZonedDate, plainText } from './feed-text.ts';
import { AtomLink, XmlText, alternateHref, parseXmlDocument, textOf } from './feed-xml.ts';
import { buildNewsItem, isHttpUrl, issuesReason, REPORT, skip } from './news-item.build.ts';

/** The source name of a feed: `rss:<host>`. */
export function rssSourceName(feedUrl: string): string {
  return `rss:${new URL(feedUrl).host}`;
}

const Rss = z.object({ rss: z.object({ channel: z.object({ item: z.optional(z.array(z.unknown())) }) }) });
const Atom = z.object({ feed: z.object({ entry: z.optional(z.array(z.unknown())) }) });

const Guid = z.union([z.string(), z.object({ '#text': z.optional(z.string()), '@_isPermaLink': z.optional(z.string()) })]);

/** An RSS 2.0 `<item>` (every element is optional in RSS; the mapping decides what it cannot do without). */
const RssItem = z.object({
  title: z.optional(XmlText),
  link: z.optional(z.array(XmlText)),
  description: z.optional(XmlText),
  pubDate: z.optional(z.string()),
  'dc:date': z.optional(z.string()),
  guid: z.optional(Guid),
  category: z.optional(z.array(XmlText)),
});

/** An Atom `<entry>` (RFC 4287: id, title and updated are required; text constructs may be html). */
const AtomEntry = z.object({
  id: z.string(),
  title: XmlText,
  link: z.optional(z.array(AtomLink)),
  updated: z.optional(z.string()),
  published: z.optional(z.string()),
  summary: z.optional(XmlText),
  content: z.optional(XmlText),
  category: z.optional(z.array(z.object({ '@_term': z.string() }))),
});

/** The items of an RSS 2.0 or Atom document; anything else is a DATA_INVALID response. */
export function readFeed(source: string, xml: string): { format: 'rss' | 'atom'; entries: unknown[] } {
  const doc = parseXmlDocument(source, xml);
  const rss = Rss.safeParse(doc);
  if (rss.success) return { format: 'rss', entries: rss.data.rss.channel.item ?? [] };
  const atom = Atom.safeParse(doc);
  if (atom.success) return { format: 'atom', entries: atom.data.feed.entry ?? [] };
  throw new AppError('DATA_INVALID', `${source}: neither an RSS 2.0 channel nor an Atom feed`);
}

/** Per-feed facts every item inherits. */
export interface FeedContext {
  source: string;
  /** Tickers the whole feed is about (a per-symbol feed), upper-case. */
  symbols: readonly string[];
  receivedAt: EpochMs;
}

function fromRss(raw: unknown, ctx: FeedContext): NewsItem | SkippedNewsItem {
  const parsed = RssItem.safeParse(raw, REPORT);
  if (!parsed.success) return skip(ctx.source, null, issuesReason(parsed.error.issues));
  const r = parsed.data;
  const link = r.link?.map(textOf).find(isHttpUrl) ?? null;
  const guid = textOf(r.guid).trim();
  const permalink = typeof r.guid === 'object' && r.guid['@_isPermaLink'] === 'false' ? null : guid;
  const sourceId = guid || link;
  if (!sourceId) return skip(ctx.source, null, 'guid, link: the item has neither, so nothing identifies it');
  const headline = plainText(textOf(r.title));
  if (!headline) return skip(ctx.source, sourceId, 'title: empty headline');
  const when = r.pubDate ?? r['dc:date'];
  const published = when === undefined ? null : parseZonedDate(when);
  if (published === null) return skip(ctx.source, sourceId, 'pubDate: expected a date with its time zone');
  const categories = (r.category ?? []).map((c) => textOf(c).trim()).filter(Boolean);
  return buildNewsItem(ctx.source, ctx.receivedAt, {
    sourceId,
    // RSS has one date per item: an edited story keeps its guid and, if the feed re-dates it, gets a new version.
    version: published,
    publishedAt: published,
    headline,
    summary: plainText(textOf(r.description)),
    url: link ?? (permalink && isHttpUrl(permalink) ? permalink : null),
    symbols: [...ctx.symbols],
    ...(categories.length ? { meta: { categories } } : {}),
  });
}

function fromAtom(raw: unknown, ctx: FeedContext): NewsItem | SkippedNewsItem {
  const rawId = (raw as { id?: unknown } | null)?.id;
  const parsed = AtomEntry.safeParse(raw, REPORT);
  if (!parsed.success) return skip(ctx.source, typeof rawId === 'string' ? rawId : null, issuesReason(parsed.error.issues));
  const a = parsed.data;
  const headline = plainText(textOf(a.title));
  if (!headline) return skip(ctx.source, a.id, 'title: empty headline');
  const updated = a.updated === undefined ? null : parseZonedDate(a.updated);
  const published = a.published === undefined ? null : parseZonedDate(a.published);
  if ((a.updated !== undefined && updated === null) || (a.published !== undefined && published === null)) {
    return skip(ctx.source, a.id, 'updated, published: expected dates with their time zone');
  }
  const version = updated ?? published;
  if (version === null) return skip(ctx.source, a.id, 'updated: the entry has no date');
  const href = a.link ? alternateHref(a.link) : null;
  const categories = (a.category ?? []).map((c) => c['@_term']);
  return buildNewsItem(ctx.source, ctx.receivedAt, {
    sourceId: a.id,
    version,
    publishedAt: published ?? version,
    headline,
    summary: plainText(textOf(a.summary ?? a.content)),
    url: href && isHttpUrl(href) ? href : null,
    symbols: [...ctx.symbols],
    ...(categories.length ? { meta: { categories } } : {}),
  });
}

/** Maps a feed's entries to NewsItems; an entry that cannot be identified, dated or headlined is skipped. */
export function mapFeedEntries(format: 'rss' | 'atom', entries: readonly unknown[], ctx: FeedContext): NewsBatch {
  const batch: NewsBatch = { items: [], skipped: [] };
  for (const raw of entries) {
    const r = format === 'rss' ? fromRss(raw, ctx) : fromAtom(raw, ctx);
    if ('reason' in r) batch.skipped.push(r);
    else batch.items.push(r);
  }
  return batch;
}
