import type { Asset } from '../market.ts';
import { COMPANY_ALIASES } from './company-aliases.ts';
import { isCommonWordName, normaliseCompanyName, shortCompanyName, withoutGenericTail } from './company-name.ts';
import { buildPhraseIndex, type PhraseIndex } from './phrase-index.ts';
import { tokenize, type Token } from './tokens.ts';

/** How a symbol was found in the text. */
export type LinkKind = 'source' | 'cashtag' | 'exchange' | 'parenthesis' | 'name' | 'short-name' | 'ticker';

export interface LinkEvidence {
  kind: LinkKind;
  /** The text that matched, as written ("$AAPL", "NASDAQ: AAPL", "Beyond Meat"). */
  text: string;
  /** Character span in the text; -1 for tickers the source gave. */
  start: number;
  end: number;
}

/** A symbol the text is about, with a confidence in [0, 1] and what matched. */
export interface TickerLink {
  symbol: string;
  confidence: number;
  evidence: LinkEvidence[];
}

interface NameEntry {
  symbol: string;
  kind: 'name' | 'short-name';
  common: boolean;
}

/** The asset list prepared for linking: built once, then linking a text costs a pass over its tokens. */
export interface TickerIndex {
  symbols: ReadonlyMap<string, Asset>;
  names: PhraseIndex<NameEntry[]>;
}

/**
 * Confidence of one piece of evidence. A cashtag or exchange prefix is written to name a ticker; a name
 * match can be a coincidence, more so for a one-word everyday name ("Target", "Gap"), which needs a
 * word like "shares" or "Inc." next to it to count for much.
 */
const CONFIDENCE = {
  exchange: 0.98,
  cashtag: 0.95,
  /** "(TSLA)" right after the company's own name. */
  parenthesis: 0.9,
  /** "(XYZ)" after a capitalised name that is not the asset's: plausible, not enough alone. */
  parenthesisUnnamed: 0.55,
  /** A bare upper-case ticker next to "shares"/"stock" ("AAPL shares rise"). */
  tickerInContext: 0.7,
  name: 0.8,
  shortName: 0.65,
  commonName: 0.3,
  commonNameInContext: 0.7,
  /** Cashtag or exchange prefix when no asset list is given to check it against. */
  unchecked: 0.6,
} as const;

const CONTEXT_WORDS = new Set(['shares', 'stock', 'inc', 'corp', 'corporation', 'co', 'ltd', 'plc', 'nasdaq', 'nyse', 'ceo', 'earnings', 'shareholders', 'stores']);
/**
 * What a company does in a headline, right after its name: "Apple beats estimates", "Target cuts outlook".
 * An everyday word followed by one of these is the company.
 */
/** Curated aliases that are everyday words: they need context like any everyday-word name. */
const COMMON_ALIAS = new Set(['block', 'delta', 'meta', 'coke', 'citi', 'southwest', 'amazon', 'gap']);
/** "Gap to close 200 stores", "Apple to buy...": an everyday-word name followed by "to" and one of these acts as a company. */
const TO_VERBS = new Set(['close', 'buy', 'acquire', 'cut', 'raise', 'sell', 'merge', 'spin', 'lay', 'report', 'launch', 'pay', 'open', 'invest', 'hire', 'exit', 'join', 'list', 'split', 'build', 'expand', 'shut', 'slash', 'offer', 'add', 'end', 'boost', 'resume', 'halt', 'settle', 'appeal', 'replace', 'name', 'issue']);
const COMPANY_VERBS = new Set([
  'beats', 'beat', 'misses', 'missed', 'tops', 'topped', 'reports', 'reported', 'posts', 'posted', 'raises', 'cuts', 'lowers',
  'lifts', 'boosts', 'announces', 'announced', 'launches', 'unveils', 'sues', 'sued', 'acquires', 'buys', 'sells', 'agrees', 'names',
  'hires', 'says', 'said', 'plans', 'upgraded', 'downgraded', 'initiated', 'rallies', 'jumps', 'falls', 'drops', 'rises', 'gains',
  'slides', 'surges', 'plunges', 'tumbles', 'soars', 'sinks', 'slumps', 'climbs', 'revenue', 'sales', 'profit', 'results', 'guidance',
  'outlook', 'q1', 'q2', 'q3', 'q4', 'eps', 'cfo', 'stake', 'price', 'pt', 'expects', 'sees', 'warns', 'recalls', 'settles', 'wins',
  'reaffirms', 'reiterates', 'confirms', 'declares', 'files', 'prices', 'completes', 'shareholder', 'investors', 'analyst',
  'hit', 'terminates', 'loses', 'secures', 'awarded', 'halts', 'appoints', 'suspends', 'receives', 'slips', 'gets', 'faces', 'wins',
  'reports', 'posts', 'cuts', 'trims', 'signs', 'hikes', 'ups', 'expands', 'adds', 'lays', 'recalls', 'partners', 'teams', 'shares', 'stock', 'stores', 'dividend', 'buyback', 'ceo',
]);
const BEFORE_COMPANY = new Set(['shares', 'stock', 'nasdaq', 'nyse', 'upgrades', 'downgrades', 'acquire', 'acquires', 'buy', 'buys', 'of', 'on', 'rival', 'peer', 'fines', 'sues', 'probes', 'against', 'vs', 'versus', 'backs', 'beats']);
/**
 * Upper-case words that are abbreviations, units or country codes far more often than tickers: "(AI)",
 * "(EU)", "(IPO)" name no company without other evidence.
 */
const NOT_TICKERS = new Set([
  'AI', 'EU', 'US', 'USA', 'UK', 'UN', 'IPO', 'IPOS', 'CEO', 'CFO', 'COO', 'CTO', 'ETF', 'ETFS', 'FDA', 'SEC', 'GDP', 'CPI', 'PPI', 'PMI', 'EPS', 'ESG', 'EV',
  'EVS', 'API', 'AR', 'VR', 'IT', 'HR', 'PR', 'IR', 'NATO', 'OPEC', 'WHO', 'CDC', 'NIH', 'DOJ', 'FTC', 'FCC', 'EPA', 'IRS', 'FED', 'ECB', 'BOE',
  'BOJ', 'IMF', 'PE', 'VC', 'ROI', 'ATM', 'Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'FY', 'YOY', 'QOQ', 'TTM', 'USD', 'EUR', 'GBP', 'JPY', 'CNY',
  'CAD', 'AUD', 'CHF', 'LLC', 'INC', 'LTD', 'PLC', 'NYSE', 'AMEX', 'OTC', 'ADR', 'ADRS', 'REIT', 'SPAC', 'NFT', 'DAO', 'BTC', 'ETH', 'CRL',
  'NDA', 'BLA', 'PDUFA', 'EMA', 'MHRA', 'UAE', 'CN', 'JP', 'DE', 'FR', 'ES', 'CA', 'AU', 'IN', 'BR', 'MX', 'KR', 'RU', 'CH', 'SE',
  'NL', 'SG', 'HK', 'TW', 'ZA', 'IL', 'SA', 'AE', 'NZ', 'IE', 'NO', 'DK', 'FI', 'BE', 'AT', 'PL', 'TR', 'AR', 'CL', 'CO', 'PE', 'ID',
  'MY', 'TH', 'VN', 'PH', 'EG', 'NG', 'GBR', 'CHN', 'JPN', 'DEU', 'FRA', 'ITA', 'ESP', 'CAN', 'AUS', 'IND', 'BRA', 'MEX', 'KOR', 'RUS',
  'CEE', 'APAC', 'EMEA', 'LATAM', 'MENA', 'ASEAN', 'OECD', 'WTO', 'G7', 'G20', 'M', 'B', 'K', 'A', 'I', 'AM', 'PM', 'ET', 'EST', 'EDT',
  'UTC', 'GMT', 'NASA', 'FBI', 'CIA', 'NHS', 'NBA', 'NFL', 'TV', 'PC', 'PCS', 'CPU', 'GPU', 'GPUS', 'SAAS', 'IOT', 'LNG', 'OIL', 'GAS',
  'COVID', 'ALL', 'NEW', 'ONE', 'BIG', 'CAR', 'CARS', 'FUN', 'GO', 'NOW', 'ON', 'OUT', 'SO', 'UP', 'DD', 'EOD', 'ATH', 'LOL', 'IMO',
  'FOMO', 'YTD', 'MOM', 'ROE', 'ROA', 'EBIT', 'EBITDA', 'GAAP', 'CAGR', 'NAV', 'AUM', 'M&A', 'R&D', 'LBO', 'SPV', 'ICO', 'DTC', 'B2B',
]);
const EXCHANGE_RE = /\b(NASDAQ|NYSE(?:\s?(?:American|Arca|MKT))?|AMEX|OTC(?:QX|QB|MKTS)?|CBOE|BATS)\s*:\s*\$?([A-Za-z][A-Za-z0-9]{0,5}(?:\.[A-Za-z]{1,2})?)\b/gi;
const PAREN_RE = /\(([A-Z]{1,5}(?:\.[A-Z])?)\)/g;

/** Builds the symbol and company-name index of an asset list (Asset.name normalised; see company-name.ts). */
export function buildTickerIndex(assets: readonly Asset[]): TickerIndex {
  const symbols = new Map<string, Asset>();
  const names = new Map<string, NameEntry[]>();
  const add = (words: readonly string[], entry: NameEntry): void => {
    if (words.length === 0) return;
    const key = words.join(' ');
    const list = names.get(key) ?? [];
    if (!list.some((e) => e.symbol === entry.symbol)) list.push(entry);
    names.set(key, list);
  };
  for (const a of assets) {
    symbols.set(a.symbol.toUpperCase(), a);
    const words = normaliseCompanyName(a.name);
    add(words, { symbol: a.symbol, kind: 'name', common: isCommonWordName(words) });
    const short = shortCompanyName(words);
    if (short) add(short, { symbol: a.symbol, kind: 'short-name', common: false });
    else {
      // "Ford Motor" is "Ford" in a headline, an everyday word that needs context like any other.
      const bare = withoutGenericTail(words);
      if (bare.length < words.length && isCommonWordName(bare) && bare[0]!.length > 2) add(bare, { symbol: a.symbol, kind: 'short-name', common: true });
    }
  }
  for (const a of assets) {
    for (const alias of COMPANY_ALIASES[a.symbol.replace(/[./]/g, '_')] ?? []) {
      const words = normaliseCompanyName(alias);
      // A curated alias that is an everyday word ("block", "delta", "meta") still needs context.
      add(words, { symbol: a.symbol, kind: 'name', common: COMMON_ALIAS.has(alias) || (words.length === 1 && words[0]!.length <= 2) });
    }
  }
  // A full name wins over another company's short name when they collide ("Toyota Motor" vs "Toyota").
  for (const [key, list] of names) {
    if (list.some((e) => e.kind === 'name')) names.set(key, list.filter((e) => e.kind === 'name'));
  }
  // Patterns must not be re-split: `/` and `|` never occur in normalised words.
  return { symbols, names: buildPhraseIndex(names) };
}

function nameConfidence(e: NameEntry, tokens: readonly Token[], from: number, to: number): number {
  if (!e.common) return e.kind === 'short-name' ? CONFIDENCE.shortName : CONFIDENCE.name;
  const next = tokens[to];
  const prev = tokens[from - 1];
  const sameClause = (t: Token | undefined) => t !== undefined && t.clause === tokens[from]!.clause;
  const after = tokens[to + 1];
  const inContext =
    (sameClause(next) && (CONTEXT_WORDS.has(next!.text) || COMPANY_VERBS.has(next!.text))) ||
    (sameClause(next) && next!.text === 'to' && sameClause(after) && TO_VERBS.has(after!.text)) ||
    tokens[to - 1]!.text.endsWith("'s") ||
    (sameClause(prev) && (CONTEXT_WORDS.has(prev!.text) || BEFORE_COMPANY.has(prev!.text)));
  return inContext ? CONFIDENCE.commonNameInContext : CONFIDENCE.commonName;
}

/** True when the words just before `at` are the asset's own name (or its short name). */
function namedJustBefore(text: string, at: number, asset: Asset): boolean {
  const before = normaliseCompanyName(text.slice(Math.max(0, at - 60), at).replace(/[,'’]s?\s*$/, ''));
  const name = normaliseCompanyName(asset.name);
  if (name.length === 0 || before.length === 0) return false;
  const short = shortCompanyName(name) ?? name;
  const tail = (n: readonly string[]) => before.length >= n.length && n.every((w, i) => before[before.length - n.length + i] === w);
  return tail(name) || tail(short) || before[before.length - 1] === name[0];
}

/**
 * Finds the symbols a text names: cashtags, exchange prefixes, "(TICKER)" and company names. Pass
 * `tokens` when the caller has already tokenized `text`.
 */
export function linkTickers(text: string, index?: TickerIndex, tokens: readonly Token[] = tokenize(text)): TickerLink[] {
  const found = new Map<string, { doubt: number; evidence: LinkEvidence[] }>();
  const note = (symbol: string, confidence: number, ev: LinkEvidence): void => {
    const s = symbol.toUpperCase();
    const f = found.get(s) ?? { doubt: 1, evidence: [] };
    f.doubt *= 1 - confidence;
    f.evidence.push(ev);
    found.set(s, f);
  };
  const known = (symbol: string): boolean => index === undefined || index.symbols.has(symbol.toUpperCase());
  const checked = (c: number): number => (index ? c : CONFIDENCE.unchecked);

  for (const t of tokens) {
    if (t.kind === 'cashtag' && known(t.text)) note(t.text, checked(CONFIDENCE.cashtag), { kind: 'cashtag', text: text.slice(t.start, t.end), start: t.start, end: t.end });
  }
  for (const m of text.includes(':') ? text.matchAll(EXCHANGE_RE) : []) {
    if (known(m[2]!)) note(m[2]!, checked(CONFIDENCE.exchange), { kind: 'exchange', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  if (!index) return finish(found);

  for (const m of text.includes('(') ? text.matchAll(PAREN_RE) : []) {
    const asset = index.symbols.get(m[1]!);
    if (!asset) continue;
    // "(AI)", "(EU)", "(IPO)": an abbreviation is a ticker only after the company's own name.
    const named = namedJustBefore(text, m.index, asset);
    if (!named && NOT_TICKERS.has(m[1]!)) continue;
    const confidence = named ? CONFIDENCE.parenthesis : /[A-Z][\w.&-]*\s*$/.test(text.slice(0, m.index)) ? CONFIDENCE.parenthesisUnnamed : 0;
    if (confidence > 0) note(m[1]!, confidence, { kind: 'parenthesis', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  // A bare upper-case ticker counts only beside "shares"/"stock" and when it is no everyday abbreviation.
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || t.text.length < 2 || t.text.length > 5) continue;
    const c0 = text.charCodeAt(t.start);
    const c1 = text.charCodeAt(t.start + 1);
    if (c0 < 65 || c0 > 90 || ((c1 < 65 || c1 > 90) && (c1 < 48 || c1 > 57))) continue;
    const raw = text.slice(t.start, t.end);
    if (raw !== raw.toUpperCase() || NOT_TICKERS.has(raw) || !index.symbols.has(raw)) continue;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    const inContext = (next && next.clause === t.clause && (next.text === 'shares' || next.text === 'stock')) || (prev && prev.clause === t.clause && prev.text === 'of' && tokens[i - 2]?.text === 'shares');
    if (inContext && !/^[A-Z]+$/.test(text.slice(0, t.start).replace(/[^A-Za-z]/g, '') + text.slice(t.end).replace(/[^A-Za-z]/g, ''))) {
      note(raw, CONFIDENCE.tickerInContext, { kind: 'ticker', text: raw, start: t.start, end: t.end });
    }
  }
  // Possessives match the bare name ("Tesla's" → "tesla"), numbers their digits ("3M"); a name must be
  // capitalised as written.
  const keyed = tokens.map((t) => (t.kind === 'number' ? { ...t, key: t.text } : t.key.endsWith("'s") ? { ...t, key: t.key.slice(0, -2) } : t));
  for (const m of index.names.matchAll(keyed)) {
    const first = tokens[m.from]!;
    const initial = text[first.start]!;
    if (initial === initial.toLowerCase() && !/\d/.test(initial)) continue;
    const start = first.start;
    const end = tokens[m.to - 1]!.end;
    for (const e of m.data) {
      note(e.symbol, nameConfidence(e, tokens, m.from, m.to), { kind: e.kind, text: text.slice(start, end), start, end });
    }
  }
  listedWithOthers(text, found);
  return finish(found);
}

/** Confidence of an everyday-word name listed beside surely-named companies ("Walmart, Target, Home Depot"). */
const LISTED = 0.7;
const LIST_SEPARATOR_RE = /^\s*(?:,|and|&)\s*(?:and\s+)?$/;

/** Raises weak name links that sit in a comma or "and" list with a sure link: the list says they are companies too. */
function listedWithOthers(text: string, found: Map<string, { doubt: number; evidence: LinkEvidence[] }>): void {
  if (found.size < 2) return;
  const spans = [...found].flatMap(([symbol, f]) => f.evidence.filter((e) => e.start >= 0).map((e) => ({ symbol, f, e })));
  if (spans.length < 2) return;
  spans.sort((a, b) => a.e.start - b.e.start);
  for (let i = 0; i < spans.length; i += 1) {
    const x = spans[i]!;
    if (1 - x.f.doubt >= LISTED) continue;
    const near = [spans[i - 1], spans[i + 1]].some((y) => y && y.symbol !== x.symbol && 1 - y.f.doubt >= LISTED && LIST_SEPARATOR_RE.test(y.e.start > x.e.start ? text.slice(x.e.end, y.e.start) : text.slice(y.e.end, x.e.start)));
    if (near) x.f.doubt = Math.min(x.f.doubt, 1 - LISTED);
  }
}

function finish(found: Map<string, { doubt: number; evidence: LinkEvidence[] }>): TickerLink[] {
  return [...found]
    .map(([symbol, f]) => ({ symbol, confidence: Math.round((1 - f.doubt) * 1000) / 1000, evidence: f.evidence }))
    .sort((a, b) => b.confidence - a.confidence || a.symbol.localeCompare(b.symbol));
}
