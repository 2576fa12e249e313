import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newsContentHash } from '../news/content-hash.ts';
import { parseTweetsCsv } from './tweets-csv.import.ts';
import { HAS_SHARED_DATA, sharedFile } from './shared-data.test-support.ts';

describe.skipIf(!HAS_SHARED_DATA)('parseTweetsCsv on ../shared/data/news/tweets/BAC.csv', () => {
  it('turns_tweets_into_news_items_and_notes_repeated_rows', () => {
    const { items, skipped } = parseTweetsCsv(readFileSync(sharedFile('news/tweets/BAC.csv'), 'utf8'), { file: 'BAC.csv' });
    expect(items.length + skipped.length).toBe(2569);
    expect(skipped).toHaveLength(6);
    expect(skipped.every((s) => /^repeat of line \d+$/.test(s.reason))).toBe(true);
    const first = items[0]!;
    expect(first.source).toBe('tweets');
    expect(first.symbols).toEqual(['BAC']);
    expect(first.version).toBe(first.publishedAt);
    expect(first.url).toBe(`https://twitter.com/i/web/status/${first.sourceId}`);
    expect(first.contentHash).toBe(newsContentHash(first.headline, ''));
    expect(new Set(items.map((i) => i.sourceId)).size).toBe(items.length);
    expect(items.every((i) => i.sourceId.length >= 17 && Number.isFinite(i.version))).toBe(true);
  });
});

describe('parseTweetsCsv', () => {
  it('keeps_quoted_text_and_cashtags_and_rejects_a_bad_timestamp', () => {
    const text = 'created_at_utc,tweet_id,ticker,text\n2014-01-02T15:00:00Z,418229860210057216,aapl,"Buying $AAPL, selling $goog ""now"""\n';
    const { items } = parseTweetsCsv(text, { file: 't.csv' });
    expect(items[0]).toMatchObject({ headline: 'Buying $AAPL, selling $goog "now"', symbols: ['AAPL'], publishedAt: Date.parse('2014-01-02T15:00:00Z'), meta: { cashtags: ['AAPL', 'GOOG'] } });
    expect(() => parseTweetsCsv(text.replace('2014-01-02T15:00:00Z', 'yesterday'), { file: 't.csv' })).toThrow('t.csv:2: created_at_utc: expected an ISO date-time with its UTC offset');
  });
});
