import { tokenize, type Token } from './tokens.ts';

/**
 * Two headlines are the same story when the Jaccard similarity of their shingle sets (content words and
 * adjacent word pairs) is at least this, and they share their subject (see isSameStory). Measured on the
 * 9,543 headlines of sent_train.csv: the same story retold ("Credit Suisse CEO Thiam quits after spying
 * scandal" / "Thiam quits as Credit Suisse CEO after spying scandal split") scores 0.65, a headline with
 * a cashtag or an attribution added 0.8-0.9; different stories rarely reach 0.5 except templated ones
 * ("X downgraded to sector weight from overweight at KeyBanc Capital": 0.5-0.8), which the subject test
 * separates.
 */
export const SAME_STORY_JACCARD = 0.5;

/**
 * Fingerprints (64-bit SimHash) at most this many bits apart are near-identical headlines: a cheap test
 * on stored fingerprints alone, to find candidates before isSameStory. On sent_train.csv, pairs with
 * Jaccard >= 0.8 differ by a median of 6 bits (90 % within 10), while none of 20,000 unrelated pairs came
 * closer than 13 bits.
 */
export const SAME_STORY_MAX_BITS = 12;

const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'at', 'by', 'with', 'as', 'is', 'are', 'was', 'be',
  'its', 'it', 'from', 'this', 'that', 'after', 'amid', 'over', 'into', 'will', 'has', 'have', 'says', 'said', 'report',
  'update', 'breaking', 'rt', 'via', 'new',
]);

// An attribution after a dash or bar at the end ("- Reuters", "| Zero Hedge", "- SA") is not the story.
const ATTRIBUTION_RE = /\s+[-–—|]\s+[^-–—|]{1,30}$/u;
const ATTRIBUTION_TAIL = 64;
const TRAILING_URLS_RE = /(?:\s*https?:\/\/\S+)+\s*$/;

/**
 * The content words of a headline, in order: lower-case, no stop words, no URLs or trailing attribution.
 * `tokens` may be those of a longer text that starts with the headline (headline + summary).
 */
export function headlineWords(headline: string, tokens: readonly Token[] = tokenize(headline)): string[] {
  const body = headline.includes('http') ? headline.replace(TRAILING_URLS_RE, '') : headline;
  // The attribution is at most ~35 characters from the end: search only there (the regex is costly to run
  // from every position of a long text).
  const from = Math.max(0, body.length - ATTRIBUTION_TAIL);
  const found = ATTRIBUTION_RE.exec(from > 0 ? body.slice(from) : body);
  const end = found ? from + found.index : body.length;
  const words: string[] = [];
  for (const t of tokens) {
    if (t.end > end) break;
    const w = t.kind === 'cashtag' ? `$${t.text.toLowerCase()}` : t.text.endsWith("'s") ? t.text.slice(0, -2) : t.text;
    if (!STOP_WORDS.has(w)) words.push(w);
  }
  return words;
}

/** Shingles of a headline: its content words and each pair of adjacent content words. */
export function headlineShingles(headline: string): Set<string> {
  return shingles(headlineWords(headline));
}

function shingles(words: readonly string[]): Set<string> {
  const out = new Set(words);
  for (let i = 1; i < words.length; i += 1) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** Jaccard similarity of two sets: |A ∩ B| / |A ∪ B|, 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter += 1;
  return inter / (a.size + b.size - inter);
}

/** Similarity of two headlines in [0, 1] (Jaccard of their shingles). */
export function headlineSimilarity(a: string, b: string): number {
  return jaccard(headlineShingles(a), headlineShingles(b));
}

const FNV_OFFSET = 0x811c9dc5;
const SECOND_HALF_SEED = 0x9e3779b9;

/** FNV-1a (32 bits) of `s`, continuing from state `h`. */
function fnv1a(h: number, s: string): number {
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function addBits(counts: Int32Array, offset: number, h: number): void {
  for (let bit = 0; bit < 32; bit += 1) counts[offset + bit]! += (((h >>> bit) & 1) << 1) - 1;
}

/**
 * A 64-bit SimHash of the headline's shingles (each word and each adjacent pair, as they occur) as 16 hex
 * digits: similar headlines differ in few bits. Two seeded 32-bit FNV-1a hashes make each 64-bit hash.
 */
export function headlineFingerprint(headline: string, tokens?: readonly Token[]): string {
  const words = headlineWords(headline, tokens);
  const counts = new Int32Array(64);
  const seed2 = (FNV_OFFSET ^ SECOND_HALF_SEED) >>> 0;
  // The hash state after "previous word" + " ", so that a pair is hashed without building its string.
  let prevSpace1 = 0;
  let prevSpace2 = 0;
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    const h1 = fnv1a(FNV_OFFSET, w);
    const h2 = fnv1a(seed2, w);
    addBits(counts, 0, h1);
    addBits(counts, 32, h2);
    if (i > 0) {
      addBits(counts, 0, fnv1a(prevSpace1, w));
      addBits(counts, 32, fnv1a(prevSpace2, w));
    }
    prevSpace1 = fnv1a(h1, ' ');
    prevSpace2 = fnv1a(h2, ' ');
  }
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble += 1) {
    let v = 0;
    for (let b = 0; b < 4; b += 1) if (counts[nibble * 4 + b]! > 0) v |= 1 << b;
    hex += v.toString(16);
  }
  return hex;
}

/** Number of differing bits between two fingerprints of equal length. */
export function fingerprintDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error(`fingerprints of different lengths: ${a.length} and ${b.length}`);
  let bits = 0;
  for (let i = 0; i < a.length; i += 1) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    for (; x; x &= x - 1) bits += 1;
  }
  return bits;
}

/** The subject of a headline: its first content word that is not a cashtag or a number ("Nomura" in "$STAY - Nomura ..."). */
function subject(words: readonly string[]): string | undefined {
  return words.find((w) => !w.startsWith('$') && !/^[\d$]/.test(w));
}

/**
 * Whether two headlines are the same story (fits the news store's SameStory): Jaccard of the shingles at
 * least SAME_STORY_JACCARD, and the subject of one appears in the other, so that templated headlines
 * about different companies ("Funko downgraded to hold from buy at Stifel" / "Ultra Clean downgraded to
 * hold from buy at Stifel") stay apart.
 */
export function isSameStory(a: { headline: string }, b: { headline: string }): boolean {
  const wa = headlineWords(a.headline);
  const wb = headlineWords(b.headline);
  const sa = subject(wa);
  const sb = subject(wb);
  const shared = (sa !== undefined && wb.includes(sa)) || (sb !== undefined && wa.includes(sb));
  return shared && jaccard(shingles(wa), shingles(wb)) >= SAME_STORY_JACCARD;
}
