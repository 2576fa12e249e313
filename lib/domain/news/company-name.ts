import { tokenize } from './tokens.ts';

// Legal forms, share classes and listing descriptions that brokers append to a company's name and news
// never writes: "Alphabet Inc. Class A Common Stock" is "Alphabet" in a headline.
const TRAILING = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'companies', 'ltd', 'limited', 'plc', 'llc', 'lp',
  'l', 'p', 'holdings', 'holding', 'group', 'sa', 'ag', 'nv', 'se', 'spa', 'asa', 'ab', 'oyj', 'bhd', 'tbk', 'the',
  'de', 'cv', 'bv', 's', 'a', 'gmbh', 'kgaa', 'pte', 'pty', 'nl', 'reit', 'trust', 'shares', 'stock',
]);
/** Where the listing description starts: everything from here on is not part of the name. */
const DESCRIPTION_RE =
  /\s*(?:\/\s*us\s*dollar\b|\s\/\s|\bclass\s+[a-z]\b|\bcommon\s+(?:stock|shares)|\bordinary\s+shares|\bamerican\s+depositary|\b(?:un)?sponsored\s+adr|\beach\s+representing|\bdepositary\s+shares|\bunits?,?\s+each|\bwarrants?\s+to\b|\bseries\s+[a-z]\b|\bpreferred\b|\b\d+(?:\.\d+)?%)/i;

// Words that can be a whole company name after normalising and are also everyday English, so a match on
// them alone is weak evidence ("Target", "Gap", "Visa", "Match", "Block").
const COMMON_WORDS = new Set([
  'target', 'gap', 'visa', 'match', 'block', 'snap', 'square', 'shell', 'apple', 'best', 'general', 'united', 'global',
  'first', 'national', 'international', 'energy', 'capital', 'health', 'power', 'gold', 'bank', 'data', 'digital',
  'royal', 'sun', 'star', 'ford', 'news', 'meta', 'oracle', 'amazon', 'delta', 'southern', 'pioneer', 'progressive',
  'discovery', 'cars', 'fox', 'zoom', 'live', 'mark', 'core', 'edge', 'key', 'trade', 'world', 'open', 'life', 'gas',
  'oil', 'home', 'realty', 'solar', 'bio', 'media', 'tech', 'cloud', 'salt', 'cash', 'check', 'peak', 'summit',
  'harmony', 'vital', 'luna', 'ally', 'smart', 'clear', 'wish', 'rent', 'compass', 'unity', 'fast', 'five', 'nice',
]);

/**
 * A company name as news writes it: lower-case words without legal form, share class or listing
 * description, and without a crypto pair's quote currency ("Bitcoin / US Dollar" → "bitcoin").
 */
export function normaliseCompanyName(name: string): string[] {
  const cut = DESCRIPTION_RE.exec(name);
  const base = cut ? name.slice(0, cut.index) : name;
  const words = tokenize(base)
    .filter((t) => t.kind === 'word' || t.kind === 'number')
    .map((t) => t.text.replace(/'s$/, ''));
  // The first word is kept even when it is on the list ("The Trade Desk" keeps "trade desk").
  let end = words.length;
  while (end > 1 && TRAILING.has(words[end - 1]!)) end -= 1;
  let start = 0;
  while (start < end - 1 && words[start] === 'the') start += 1;
  return words.slice(start, end);
}

// Industry words at the end of a name that headlines often drop ("Capital One Financial" → "Capital One").
const GENERIC_TAIL = new Set([
  'financial', 'technologies', 'technology', 'therapeutics', 'pharmaceuticals', 'pharmaceutical', 'pharma', 'biosciences',
  'systems', 'industries', 'international', 'motor', 'motors', 'entertainment', 'brands', 'communications', 'semiconductor',
  'networks', 'software', 'resources', 'bancorp', 'bancshares', 'healthcare', 'medical', 'labs', 'laboratories', 'solutions',
  'services', 'enterprises', 'partners', 'properties', 'platforms', 'interactive', 'worldwide', 'airlines', 'stores', 'foods', 'cruises', 'lines', 'air', 'global', 'video', 'markets', 'automotive', 'sciences', 'wholesale', 'health',
]);

/** The shorter name a headline may use, when dropping trailing industry words leaves a distinctive name; else null. */
export function shortCompanyName(words: readonly string[]): string[] | null {
  const short = withoutGenericTail(words);
  if (short.length === words.length) return null;
  return isCommonWordName(short) ? null : short;
}

/** The name without trailing industry words ("capital one financial" → "capital one"); the name itself when none. */
export function withoutGenericTail(words: readonly string[]): string[] {
  let end = words.length;
  while (end > 1 && GENERIC_TAIL.has(words[end - 1]!)) end -= 1;
  return words.slice(0, end);
}

/** True when a normalised name is a single everyday word, so matching it needs corroboration. */
export function isCommonWordName(words: readonly string[]): boolean {
  return words.length === 1 && (COMMON_WORDS.has(words[0]!) || words[0]!.length <= 3);
}
