import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { NewsItem } from '../../domain/news.ts';
import { AppError } from '../../shared/errors.ts';
import { newsContentHash } from '../news/content-hash.ts';
import { parseCsv, type CsvRecord } from '../../shared/csv.ts';
import { parseHistoryTime } from './history-time.ts';
import { RowProblems, type ImportOptions, type ParsedNews } from './history-types.ts';

const HEADER = ['created_at_utc', 'tweet_id', 'ticker', 'text'] as const;

const tweetRow = z.object({
  created_at_utc: z.string().check(z.refine((s) => parseHistoryTime(s)?.dateOnly === false, 'expected an ISO date-time with its UTC offset')),
  tweet_id: z.string().check(z.refine((s) => /^\d{1,20}$/.test(s), 'expected a numeric tweet id')),
  ticker: z.string().check(z.refine((s) => /^[A-Za-z][A-Za-z0-9.\-]{0,9}$/.test(s), 'expected a ticker')),
  text: z.string().check(z.refine((s) => s.trim().length > 0, 'expected the tweet text')),
});

/** True when a CSV header is the cashtag tweets format. */
export function isTweetHeader(header: readonly string[]): boolean {
  return HEADER.every((h, i) => header[i]?.trim().toLowerCase() === h);
}

/** One checked tweet row as a news item of source `tweets`, or null (reported to `problems`). */
export function readTweetRow(record: CsvRecord, problems: RowProblems): NewsItem | null {
  if (record.fields.length !== HEADER.length) {
    problems.report(record.line, 'row', `expected ${HEADER.length} fields, found ${record.fields.length}`);
    return null;
  }
  const parsed = tweetRow.safeParse(Object.fromEntries(HEADER.map((h, i) => [h, record.fields[i]!])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    problems.report(record.line, String(issue.path[0]), issue.message);
    return null;
  }
  const row = parsed.data;
  const t = parseHistoryTime(row.created_at_utc)!.t;
  const headline = row.text.trim();
  const cashtags = [...new Set([...headline.matchAll(/\$([A-Za-z][A-Za-z.]{0,5})\b/g)].map((m) => m[1]!.toUpperCase()))];
  return {
    source: 'tweets',
    sourceId: row.tweet_id,
    version: t,
    publishedAt: t,
    receivedAt: t,
    headline,
    summary: '',
    url: `https://twitter.com/i/web/status/${row.tweet_id}`,
    symbols: [row.ticker.toUpperCase()],
    contentHash: newsContentHash(headline, ''),
    meta: { cashtags },
  };
}

/**
 * Remembers each tweet id's first line and a digest of its fields (not the text: a file of any size), so a
 * later row with the same id is an exact repeat (noted) or a conflict (a problem).
 */
export class TweetRepeats {
  private readonly first = new Map<string, { line: number; digest: string }>();

  /** True when the row repeats an id seen before (and was reported); false for a first sighting. */
  isRepeat(record: CsvRecord, problems: RowProblems): boolean {
    const id = record.fields[1]!;
    const digest = createHash('sha1').update(record.fields.join('\u0000')).digest('base64').slice(0, 12);
    const seen = this.first.get(id);
    if (seen === undefined) {
      this.first.set(id, { line: record.line, digest });
      return false;
    }
    if (seen.digest === digest) problems.note(record.line, `repeat of line ${seen.line}`);
    else problems.report(record.line, 'tweet_id', `same id as line ${seen.line} with different content`);
    return true;
  }
}

/**
 * Parses the cashtag tweets CSV (`created_at_utc,tweet_id,ticker,text`) into news items of source
 * `tweets`: the text is the headline (a tweet has nothing else), the file's ticker is the symbol, and
 * every cashtag in the text is kept in `meta.cashtags`. Historical items are received when published.
 */
export function parseTweetsCsv(text: string, options: ImportOptions): ParsedNews {
  const records = parseCsv(text, options.file);
  if (!records[0] || !isTweetHeader(records[0].fields)) throw new AppError('DATA_INVALID', `${options.file}:1: header: expected ${HEADER.join(',')}`);
  const problems = new RowProblems(options);
  const items: NewsItem[] = [];
  const repeats = new TweetRepeats();
  for (const record of records.slice(1)) {
    const item = readTweetRow(record, problems);
    if (item && !repeats.isRepeat(record, problems)) items.push(item);
  }
  return { kind: 'news', items, skipped: problems.skipped };
}
