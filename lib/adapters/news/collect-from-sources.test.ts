import { describe, expect, it } from 'vitest';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsBatch, NewsSource } from '../../ports/news-source.port.ts';
import { AppError } from '../../shared/errors.ts';
import { registerSecrets } from '../../platform/logger.ts';
import { AlphaVantageNewsSource } from './alpha-vantage.source.ts';
import { collectFromSources, type CollectOptions } from './collect-from-sources.ts';
import { buildNewsItem } from './news-item.build.ts';
import { manualClock, readFixture, reply, scriptedFetch, sourceDeps } from './news-test-kit.ts';

const T0 = Date.UTC(2026, 10, 20, 14, 0, 0);
const QUERY = { since: Date.UTC(2026, 10, 20, 12, 0, 0) };

function item(source: string, id: string): NewsItem {
  return buildNewsItem(source, T0, { sourceId: id, version: T0, publishedAt: T0, headline: `Headline ${id}`, summary: '', url: null, symbols: ['ACMR'] });
}

function fake(name: string, fetchSince: () => Promise<NewsBatch>): NewsSource {
  return { name, fetchSince };
}

/** Timers that fire only when the test says so, and an elapsed-time reading the test sets. */
function manualTimers(): Required<Pick<CollectOptions, 'setTimer' | 'elapsed'>> & { fireAll(): void; pending(): number; at(ms: number): void } {
  const timers = new Map<number, () => void>();
  let next = 0;
  let t = 0;
  return {
    setTimer: (_ms, fire) => {
      const id = next++;
      timers.set(id, fire);
      return () => void timers.delete(id);
    },
    elapsed: () => t,
    at: (ms) => void (t = ms),
    fireAll: () => [...timers.values()].forEach((f) => f()),
    pending: () => timers.size,
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('collectFromSources', () => {
  it('keeps_every_sources_items_when_another_throws', async () => {
    const ok = fake('alpha', async () => ({ items: [item('alpha', 'a1'), item('alpha', 'a2')], skipped: [{ source: 'alpha', sourceId: 'a3', reason: 'title: empty headline' }] }));
    const down = fake('beta', async () => {
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'beta: api.beta.example/v1 answered HTTP 503');
    });
    const buggy: NewsSource = {
      name: 'gamma',
      fetchSince: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'feed')");
      },
    };
    const timers = manualTimers();
    const outcomes = await collectFromSources([ok, down, buggy], QUERY, { timeoutMs: 5_000, ...timers });
    expect(outcomes.map((o) => [o.source, o.status, o.items.length, o.skipped.length, o.errorCode, o.retryable])).toEqual([
      ['alpha', 'ok', 2, 1, null, false],
      ['beta', 'failed', 0, 0, 'DEPENDENCY_UNAVAILABLE', true],
      ['gamma', 'failed', 0, 0, 'INTERNAL', false],
    ]);
    expect(outcomes[1]!.error).toBe('beta: api.beta.example/v1 answered HTTP 503');
    expect(timers.pending()).toBe(0);
  });

  it('reports_a_hanging_source_as_timed_out_without_holding_back_the_others', async () => {
    const hanging = fake('stuck', () => new Promise<NewsBatch>(() => {}));
    const quick = fake('quick', async () => ({ items: [item('quick', 'q1')], skipped: [] }));
    const timers = manualTimers();
    const pending = collectFromSources([hanging, quick], QUERY, { timeoutMs: 8_000, ...timers });
    await settle();
    expect(timers.pending()).toBe(1);
    timers.at(8_000);
    timers.fireAll();
    const [stuck, fast] = await pending;
    expect(stuck).toMatchObject({ source: 'stuck', status: 'timeout', items: [], errorCode: 'DEPENDENCY_TIMEOUT', error: 'stuck: no answer within 8000 ms', retryable: true });
    expect(fast).toMatchObject({ source: 'quick', status: 'ok', errorCode: null, durationMs: 0 });
    expect(stuck!.durationMs).toBe(8_000);
    expect(fast!.items.map((i) => i.sourceId)).toEqual(['q1']);
  });

  it('reports_a_source_out_of_quota_as_throttled_with_when_it_may_be_asked_again', async () => {
    const clock = manualClock(T0);
    const { fetch, requests } = scriptedFetch(() => reply(readFixture('alpha-vantage.news-sentiment.jsonc')));
    const av = new AlphaVantageNewsSource({ apiKey: 'AVKEY-QUOTA-TEST', requestsPerDay: 1 }, sourceDeps(fetch, clock));
    const first = await collectFromSources([av], QUERY, { timeoutMs: 5_000 });
    expect(first[0]).toMatchObject({ status: 'ok', until: null });
    const [second] = await collectFromSources([av], QUERY, { timeoutMs: 5_000 });
    expect(second).toMatchObject({ source: 'alphavantage', status: 'throttled', items: [], errorCode: 'RATE_LIMITED', retryable: true, until: T0 + 86_400_000 });
    expect(second!.error).toBe(`alphavantage: daily quota exhausted until ${new Date(T0 + 86_400_000).toISOString()}`);
    expect(requests).toHaveLength(1);
  });

  it('scrubs_registered_secrets_from_an_unexpected_error', async () => {
    registerSecrets(['sk-collector-secret-123']);
    const leaky = fake('leaky', async () => {
      throw new Error('GET https://api.example.com/news?token=sk-collector-secret-123 failed');
    });
    const [out] = await collectFromSources([leaky], QUERY, { timeoutMs: 5_000 });
    expect(out!.error).toBe('GET https://api.example.com/news?token=[redacted] failed');
  });

  it('refuses_a_timeout_that_is_not_positive', async () => {
    await expect(collectFromSources([], QUERY, { timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
  });
});
