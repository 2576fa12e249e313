import type { Asset } from '../market.ts';
import { isCommonWordName, normaliseCompanyName, shortCompanyName } from './company-name.ts';
import { buildPhraseIndex, type PhraseIndex } from './phrase-index.ts';
import { tokenize, type Token } from './tokens.ts';

/** How a symbol was found in the text. */
export type LinkKind = 'source' | 'cashtag' | 'exchange' | 'parenthesis' | 'name' | 'short-name';

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
  parenthesis: 0.85,
  name: 0.8,
  shortName: 0.65,
  commonName: 0.3,
  commonNameInContext: 0.6,
  /** Cashtag or exchange prefix when no asset list is given to check it against. */
  unchecked: 0.6,
} as const;

const CONTEXT_WORDS = new Set(['shares', 'stock', 'inc', 'corp', 'corporation', 'co', 'ltd', 'plc', 'nasdaq', 'nyse', 'ceo', 'earnings', 'shareholders', 'stores']);
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
  }
  // A full name wins over another company's short name when they collide ("Toyota Motor" vs "Toyota").
  for (const [key, list] of names) {
    if (list.some((e) => e.kind === 'name')) names.set(key, list.filter((e) => e.kind === 'name'));
  }
  // Patterns must not be re-split: `/` and `|` never occur in normalised words.
  return { symbols, names: buildPhraseIndex(names) };
}

function nameConfidence(e: NameEntry, tokens: readonly Token[], from: number, to: number): number {
  if (e.kind === 'short-name') return CONFIDENCE.shortName;
  if (!e.common) return CONFIDENCE.name;
  const next = tokens[to];
  const prev = tokens[from - 1];
  const inContext = (next && CONTEXT_WORDS.has(next.text)) || tokens[to - 1]!.text.endsWith("'s") || (prev && CONTEXT_WORDS.has(prev.text));
  return inContext ? CONFIDENCE.commonNameInContext : CONFIDENCE.commonName;
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
    if (index.symbols.has(m[1]!)) note(m[1]!, CONFIDENCE.parenthesis, { kind: 'parenthesis', text: m[0], start: m.index, end: m.index + m[0].length });
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
  return finish(found);
}

function finish(found: Map<string, { doubt: number; evidence: LinkEvidence[] }>): TickerLink[] {
  return [...found]
    .map(([symbol, f]) => ({ symbol, confidence: Math.round((1 - f.doubt) * 1000) / 1000, evidence: f.evidence }))
    .sort((a, b) => b.confidence - a.confidence || a.symbol.localeCompare(b.symbol));
}
