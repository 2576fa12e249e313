import type { NewsSource } from '../../ports/news-source.port.ts';
import { AlphaVantageNewsSource } from './alpha-vantage.source.ts';
import { NewsApiSource } from './newsapi.source.ts';
import { RssNewsSource } from './rss.source.ts';
import { SecEdgarNewsSource } from './sec-edgar.source.ts';
import type { NewsSourceDeps } from './source-guard.ts';
import { splitFeeds, type NewsSourcesEnv } from '../../config/sections/news-sources.ts';

export { newsSourcesEnvShape, NewsSourcesEnvSchema, type NewsSourcesEnv } from '../../config/sections/news-sources.ts';


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
