import * as z from 'zod/mini';

/** True for an absolute http(s) URL. */
function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const nonEmpty = z.string().check(z.minLength(1));
const count = (min: number, max: number) => z.coerce.number().check(z.int(), z.gte(min), z.lte(max));

/**
 * The environment variables of the news sources (empty means unset, as everywhere in the config): each
 * source is on when its key (or User-Agent, or feed list) is set. Meant to be spread into the paper and
 * live schemas of lib/config/env.schema.ts.
 */
export const newsSourcesEnvShape = {
  /** Alpha Vantage key; unset = source off. */
  ALPHAVANTAGE_API_KEY: z.optional(nonEmpty),
  /** The key's daily quota (free: 25). */
  ALPHAVANTAGE_REQUESTS_PER_DAY: z._default(count(1, 1_000_000), 25),
  /** NewsAPI.org key; unset = source off. */
  NEWSAPI_API_KEY: z.optional(nonEmpty),
  /** free: items are marked delayed (24 h); paid: not. */
  NEWSAPI_PLAN: z._default(z.enum(['free', 'paid']), 'free'),
  NEWSAPI_REQUESTS_PER_DAY: z._default(count(1, 1_000_000), 100),
  /** A /v2/everything search (e.g. "earnings OR guidance OR acquisition"); unset = US business top headlines. */
  NEWSAPI_QUERY: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  /** "Name email@example.com", declared to the SEC; unset = EDGAR off. */
  SEC_EDGAR_USER_AGENT: z.optional(
    z.string().check(z.regex(/^\S.*\s+[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'expected "Name email@example.com" (the SEC requires a declared User-Agent)' })),
  ),
  /** Comma-separated RSS 2.0 or Atom feed URLs; unset = none. */
  NEWS_RSS_FEEDS: z.optional(
    z.string().check(z.refine((v) => splitFeeds(v).every(isHttpUrl), { message: 'expected comma-separated http(s) feed URLs' })),
  ),
  /** Requests an hour to each feed host. */
  NEWS_RSS_REQUESTS_PER_HOUR: z._default(count(1, 3_600), 30),
};

export const NewsSourcesEnvSchema = z.object(newsSourcesEnvShape);
export type NewsSourcesEnv = z.infer<typeof NewsSourcesEnvSchema>;

/** The feed URLs of NEWS_RSS_FEEDS. */
export function splitFeeds(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

