import { describe, expect, it } from 'vitest';
import { InProcessRateLimiter } from '../redis/redis-rate-limiter.ts';
import { InMemoryNewsStateStore } from './news-state.store.ts';
import { NewsSourcesEnvSchema, createNewsSources, newsSourceSecrets } from './news-sources.factory.ts';
import type { NewsSourceDeps } from './source-guard.ts';

const clock = { now: () => Date.UTC(2026, 10, 20) };
const deps: NewsSourceDeps = {
  fetch: async () => new Response('unused'),
  clock,
  limiter: new InProcessRateLimiter(clock),
  store: new InMemoryNewsStateStore(clock),
};

describe('createNewsSources', () => {
  it('switches_on_only_the_sources_whose_settings_are_present', () => {
    expect(createNewsSources(NewsSourcesEnvSchema.parse({}), deps)).toEqual([]);
    const env = NewsSourcesEnvSchema.parse({
      ALPHAVANTAGE_API_KEY: 'av-key-1234',
      NEWSAPI_API_KEY: 'na-key-5678',
      SEC_EDGAR_USER_AGENT: 'Catalyst Ops ops@catalyst.example',
      NEWS_RSS_FEEDS: 'https://a.example/feed.xml, https://b.example/atom',
    });
    expect(createNewsSources(env, deps).map((s) => s.name)).toEqual(['alphavantage', 'newsapi', 'sec-edgar', 'rss:a.example', 'rss:b.example']);
    expect(newsSourceSecrets(env)).toEqual(['av-key-1234', 'na-key-5678']);
  });

  it('fills_the_documented_defaults', () => {
    expect(NewsSourcesEnvSchema.parse({})).toEqual({
      ALPHAVANTAGE_REQUESTS_PER_DAY: 25,
      NEWSAPI_PLAN: 'free',
      NEWSAPI_REQUESTS_PER_DAY: 100,
      NEWS_RSS_REQUESTS_PER_HOUR: 30,
    });
  });

  it('names_a_malformed_user_agent_and_feed_list', () => {
    const r = NewsSourcesEnvSchema.safeParse({ SEC_EDGAR_USER_AGENT: 'catalyst-bot', NEWS_RSS_FEEDS: 'https://ok.example/rss,ftp://nope.example/x', NEWSAPI_PLAN: 'gold' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['NEWSAPI_PLAN', expect.any(String)],
      ['SEC_EDGAR_USER_AGENT', 'expected "Name email@example.com" (the SEC requires a declared User-Agent)'],
      ['NEWS_RSS_FEEDS', 'expected comma-separated http(s) feed URLs'],
    ]);
  });
});
