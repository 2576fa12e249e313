import { createHash } from 'node:crypto';

/** Lower-cases, strips markup and punctuation and collapses whitespace, so trivial edits hash the same. */
export function normaliseNewsText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}$%.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** sha256 (hex) of the normalised headline and summary: the `contentHash` of a NewsItem. */
export function newsContentHash(headline: string, summary: string): string {
  return createHash('sha256').update(`${normaliseNewsText(headline)}\n${normaliseNewsText(summary)}`).digest('hex');
}
