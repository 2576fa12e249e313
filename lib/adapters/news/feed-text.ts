import type { EpochMs } from '../../domain/time.ts';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes numeric and the common named HTML entities; unknown names are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/** HTML (feeds often send markup in descriptions) to one line of plain text. */
export function plainText(html: string): string {
  // Tags go before entities are decoded, so an escaped "&lt;b&gt;" in text is not mistaken for a tag.
  const stripped = html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return decodeEntities(stripped).replace(/\s+/g, ' ').trim();
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}/;
// RFC 822 zones that Date.parse understands; without one, Date.parse would read the host's local time.
const RFC822_ZONE = /\s(GMT|UTC?|Z|[+-]\d{4}|[ECMP][SD]T)$/i;

/**
 * A feed timestamp (ISO 8601 or RFC 822) to epoch ms, or null when it is unreadable or names no time
 * zone: a zoneless time would be read in the host's zone, which is a guess.
 */
export function parseZonedDate(text: string): EpochMs | null {
  const s = text.trim();
  if (ISO_LIKE.test(s) ? !ISO_WITH_ZONE.test(s) : !RFC822_ZONE.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}

/** Upper-cased, trimmed, de-duplicated tickers in their first-seen order. */
export function uniqueSymbols(symbols: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const s of symbols) {
    const t = s.trim().toUpperCase();
    if (t) out.add(t);
  }
  return [...out];
}
