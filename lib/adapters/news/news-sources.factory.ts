import * as z from 'zod/mini';
import type { NewsSource } from '../../ports/news-source.port.ts';
import { AlphaVantageNewsSource } from './alpha-vantage.source.ts';
import { isHttpUrl } from './news-item.build.ts';
import { NewsApiSource } from './newsapi.source.ts';
import { RssNewsSource } from './rss.source.ts';
import { SecEdgarNewsSource } from './sec-edgar.source.ts';
import type { NewsSourceDeps } from './source-guard.ts';

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

function splitFeeds(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The configured sources, each with its own budgets in the shared rate limiter. */
export function createNewsSources(env: NewsSourcesEnv, deps: NewsSourceDeps): NewsSource[] {
  const sources: NewsSource[] = [];
  if (env.ALPHAVANTAGE_API_KEY) {
    sources.push(new AlphaVantageNewsSource({ apiKey: env.ALPHAVANTAGE_API_KEY, requestsPerDay: env.ALPHAVANTAGE_REQUESTS_PER_DAY }, deps));
  }
  if (env.NEWSAPI_API_KEY) {
    sources.push(
      new NewsApiSource(
        {
          apiKey: env.NEWSAPI_API_KEY,
          plan: env.NEWSAPI_PLAN,
          requestsPerDay: env.NEWSAPI_REQUESTS_PER_DAY,
          ...(env.NEWSAPI_QUERY ? { request: { endpoint: 'everything', q: env.NEWSAPI_QUERY, language: 'en' } } : {}),
        },
        deps,
      ),
    );
  }
  if (env.SEC_EDGAR_USER_AGENT) sources.push(new SecEdgarNewsSource({ userAgent: env.SEC_EDGAR_USER_AGENT }, deps));
  for (const url of splitFeeds(env.NEWS_RSS_FEEDS ?? '')) {
    sources.push(new RssNewsSource({ url, requestsPerHour: env.NEWS_RSS_REQUESTS_PER_HOUR }, deps));
  }
  return sources;
}

/** The values to register with the logger as secrets, so no log line or error response carries them. */
export function newsSourceSecrets(env: NewsSourcesEnv): string[] {
  return [env.ALPHAVANTAGE_API_KEY, env.NEWSAPI_API_KEY].filter((v): v is string => Boolean(v));
}
