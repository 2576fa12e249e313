/** What a token is: a word, a cashtag ($AAPL), a number, a percentage, or a #hashtag. */
export type TokenKind = 'word' | 'cashtag' | 'number' | 'percent' | 'hashtag';

/** One token of a news text, with its character span in the original text. */
export interface Token {
  /** Lower-cased word, cashtag symbol without `$` (upper-case), or the number as written. */
  readonly text: string;
  /** What phrase tables match on: the word, `#word` for a hashtag, or `<tkr>`, `<num>`, `<pct>` for the other kinds. */
  readonly key: string;
  readonly kind: TokenKind;
  /** Character offsets in the original text: `text.slice(start, end)` is the token as written. */
  readonly start: number;
  readonly end: number;
  /** Index of the clause the token is in; punctuation and spaced dashes start a new clause. */
  readonly clause: number;
  /** Signed value of a number or percentage (`-20%` is -20); NaN for words. */
  readonly value: number;
}

// One pass, one capture group per kind (numbered: named groups cost an object per match). Order
// matters: URLs and entities are dropped before words can match inside them; a signed percentage only
// counts as signed when the sign is not part of a word ("5-10%" is a range, not minus ten).
const SKIP = 1;
const TICKER = 2;
const PERCENT = 3;
const NUMBER = 4;
const WORD = 5;
const STOP = 6;
const TOKEN_RE = new RegExp(
  [
    String.raw`(https?:\/\/\S+|www\.\S+|&[a-z#0-9]+;|@\w+|…)`,
    String.raw`(\$[A-Za-z]{1,6}(?:\.[A-Za-z]{1,2})?(?![A-Za-z0-9]))`,
    String.raw`((?:(?<![\p{L}\p{N}])[+\-−])?\d[\d,]*(?:\.\d+)?\s?%)`,
    String.raw`(\$?\d[\d,]*(?:\.\d+)?)`,
    String.raw`(#?\p{L}[\p{L}\p{N}]*(?:['’]\p{L}+)*)`,
    String.raw`([.;:!?()|"“”\[\]\n–—]|\s-\s|--|,\s)`,
  ].join('|'),
  'gu',
);

// A full stop after these (or after a single letter, as in "U.S." or "J.P.") ends no clause.
const ABBREVIATIONS = new Set(['vs', 'v', 'inc', 'corp', 'co', 'ltd', 'adj', 'est', 'approx', 'no', 'st', 'mr', 'ms', 'dr', 'jr']);

function parseNumber(s: string): number {
  return Number(s.replace(/[$,%\s]/g, '').replace('−', '-'));
}

/** Splits a headline or tweet into tokens; URLs, @mentions and HTML entities are dropped. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let clause = 0;
  let lastWasStop = true;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[SKIP] !== undefined) continue;
    const stop = m[STOP];
    if (stop !== undefined) {
      const prev = out[out.length - 1];
      const abbreviation =
        stop === '.' && prev !== undefined && prev.end === start && prev.kind === 'word' && (prev.text.length === 1 || ABBREVIATIONS.has(prev.text));
      if (abbreviation) continue;
      if (!lastWasStop) clause += 1;
      lastWasStop = true;
      continue;
    }
    lastWasStop = false;
    const s = m[0];
    if (m[TICKER] !== undefined) {
      out.push({ text: s.slice(1).toUpperCase(), key: '<tkr>', kind: 'cashtag', start, end, clause, value: NaN });
    } else if (m[PERCENT] !== undefined) {
      out.push({ text: s, key: '<pct>', kind: 'percent', start, end, clause, value: parseNumber(s) });
    } else if (m[NUMBER] !== undefined) {
      out.push({ text: s, key: '<num>', kind: 'number', start, end, clause, value: parseNumber(s) });
    } else if (m[WORD] !== undefined) {
      const hashtag = s.startsWith('#');
      let word = (hashtag ? s.slice(1) : s).toLowerCase();
      if (word.includes('’')) word = word.replace(/’/g, "'");
      // Hashtags ("#economy #stocks") are mostly tweet noise: they keep their `#` so word tables skip them.
      out.push({ text: word, key: hashtag ? `#${word}` : word, kind: hashtag ? 'hashtag' : 'word', start, end, clause, value: NaN });
    }
  }
  return out;
}
