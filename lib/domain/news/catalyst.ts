import {
  CATALYST_IMPORTANCE,
  CATALYST_PAIRS,
  CATALYST_PHRASES,
  NOT_CATALYST,
  type CatalystType,
} from './catalyst-rules.ts';
import { buildPhraseIndex, expandPattern, type PhraseMatch } from './phrase-index.ts';
import { secItemCatalyst, secItemCodes } from './sec-8k.ts';
import { tokenize, type Token } from './tokens.ts';

export type { CatalystType } from './catalyst-rules.ts';

/** Why a catalyst type was chosen: the phrase (or 8-K item) and where it is in the text. */
export interface CatalystEvidence {
  type: CatalystType;
  /** The phrase as written, or `8-K Item 2.02` for a filing's item code. */
  phrase: string;
  /** Character span in the text; -1 for evidence that is not in the text (8-K items from meta). */
  start: number;
  end: number;
  /** How sure this piece of evidence alone makes us of the type, in [0, 1]. */
  confidence: number;
}

/** The catalyst of a news text: its type (null when none), its strength, and the evidence. */
export interface Catalyst {
  type: CatalystType | null;
  /** An offering or dilution was found (even beside a stronger catalyst): no new longs in the symbol. */
  blocksLong: boolean;
  /** Strength in [0, 1]: the type's importance times the combined confidence of its evidence. */
  weight: number;
  /** Evidence for the chosen type, then for offering-dilution when that blocks longs. */
  evidence: CatalystEvidence[];
  /** Every other type that reached the confidence floor, strongest first. */
  secondary: { type: CatalystType; weight: number }[];
}

type Term =
  | { kind: 'phrase'; type: CatalystType; confidence: number }
  | { kind: 'pair'; pair: number; side: 'a' | 'b' }
  | { kind: 'not' };

/** Evidence below this combined confidence names no catalyst ("sales" alone is not earnings news). */
const MIN_CONFIDENCE = 0.5;
/** Guidance evidence this sure wins over the earnings words beside it. */
const FIRM_GUIDANCE = 0.85;
/** Earnings evidence this sure names a reported result ("Q3 results", "beats estimates"), not just a quantity. */
const REPORTED_RESULT = 0.9;
const FORECAST_OBJECT_CHARS = 12;

function buildIndex() {
  const terms = new Map<string, Term[]>();
  const add = (pattern: string, term: Term): void => {
    for (const words of expandPattern(pattern)) {
      const key = words.join(' ');
      terms.set(key, [...(terms.get(key) ?? []), term]);
    }
  };
  for (const [type, rows] of Object.entries(CATALYST_PHRASES) as [CatalystType, [string, number][]][]) {
    for (const [pattern, confidence] of rows) add(pattern, { kind: 'phrase', type, confidence });
  }
  for (const pattern of NOT_CATALYST) add(pattern, { kind: 'not' });
  // A pair phrase inside a longer phrase ("step down" in "to step down") must still count: the longest
  // match hides the shorter one, so the longer phrase carries the pair term too.
  CATALYST_PAIRS.forEach((p, pair) => {
    for (const side of ['a', 'b'] as const) {
      const phrases = expandPattern(p[side]).map((w) => ` ${w.join(' ')} `);
      for (const phrase of phrases) if (!terms.has(phrase.trim())) terms.set(phrase.trim(), []);
      for (const [key, list] of terms) {
        if (list.some((t) => t.kind === 'not')) continue;
        if (phrases.some((ph) => ` ${key} `.includes(ph))) list.push({ kind: 'pair', pair, side });
      }
    }
  });
  return buildPhraseIndex<Term[]>(terms);
}

const INDEX = buildIndex();

/** Evidence from two phrases of a pair rule found within its window, in either order. */
function pairEvidence(text: string, tokens: readonly Token[], matches: readonly PhraseMatch<Term[]>[]): CatalystEvidence[] {
  const out: CatalystEvidence[] = [];
  CATALYST_PAIRS.forEach((rule, pair) => {
    const side = (s: 'a' | 'b') => matches.filter((m) => m.data.some((t) => t.kind === 'pair' && t.pair === pair && t.side === s));
    const bs = side('b');
    for (const a of side('a')) {
      const b = bs.find((x) => x !== a && Math.max(x.from - a.to, a.from - x.to) <= rule.window);
      if (!b) continue;
      const start = tokens[Math.min(a.from, b.from)]!.start;
      const end = tokens[Math.max(a.to, b.to) - 1]!.end;
      out.push({ type: rule.type, phrase: text.slice(start, end), start, end, confidence: rule.weight });
      break;
    }
  });
  return out;
}

/**
 * Classifies the catalyst of a headline (plus summary), using 8-K item codes from `meta` when a source
 * gives them. Pass `tokens` when the caller has already tokenized `text`, and `extra` for evidence found
 * by other readers (parsed analyst actions).
 */
export function classifyCatalyst(text: string, meta?: Record<string, unknown>, tokens: readonly Token[] = tokenize(text), extra: readonly CatalystEvidence[] = []): Catalyst {
  const matches = INDEX.matchAll(tokens);
  const evidence: CatalystEvidence[] = [...extra];
  for (const m of matches) {
    for (const t of m.data) {
      if (t.kind !== 'phrase') continue;
      const start = tokens[m.from]!.start;
      const end = tokens[m.to - 1]!.end;
      evidence.push({ type: t.type, phrase: text.slice(start, end), start, end, confidence: t.confidence });
    }
  }
  evidence.push(...pairEvidence(text, tokens, matches));
  // Words inside a parsed analyst action ("Upgrades X to Buy") are the action's, not a deal's "to buy".
  if (extra.length) {
    for (let i = evidence.length - 1; i >= extra.length; i -= 1) {
      const e = evidence[i]!;
      if (extra.some((x) => x.type !== e.type && e.start >= x.start && e.end <= x.end)) evidence.splice(i, 1);
    }
  }
  for (const code of secItemCodes(meta, text)) {
    const item = secItemCatalyst(code);
    if (item?.type) evidence.push({ type: item.type, phrase: `8-K Item ${code}`, start: -1, end: -1, confidence: item.confidence });
  }

  const doubt = new Map<CatalystType, number>();
  for (const e of evidence) doubt.set(e.type, (doubt.get(e.type) ?? 1) * (1 - e.confidence));
  const ranked = [...doubt]
    .map(([type, d]) => ({ type, confidence: 1 - d, weight: round(CATALYST_IMPORTANCE[type] * (1 - d)) }))
    .filter((r) => r.confidence >= MIN_CONFIDENCE)
    .sort((x, y) => y.weight - x.weight || CATALYST_IMPORTANCE[y.type] - CATALYST_IMPORTANCE[x.type]);
  // A forecast's figures are the forecast's: a firm guidance verb ("forecasts", "raises outlook", "warns of")
  // makes the item guidance beside the earnings words it quotes, unless a result is reported ("Q3 earnings
  // beat estimates; raises guidance" is an earnings report).
  const guidance = ranked.find((r) => r.type === 'guidance');
  const firm = evidence.filter((e) => e.type === 'guidance' && e.confidence >= FIRM_GUIDANCE);
  // "forecasts quarterly revenue", "warns of first-quarter loss": the figure right after the verb is the forecast's.
  const forecastObject = (e: CatalystEvidence) => firm.some((g) => g.end >= 0 && e.start >= g.end && e.start - g.end <= FORECAST_OBJECT_CHARS);
  const reportedResult = evidence.some((e) => e.type === 'earnings' && e.confidence >= REPORTED_RESULT && !forecastObject(e));
  if (ranked[0]?.type === 'earnings' && guidance && !reportedResult && firm.length > 0) {
    ranked.splice(ranked.indexOf(guidance), 1);
    ranked.unshift(guidance);
  }
  const primary = ranked[0];
  const blocksLong = ranked.some((r) => r.type === 'offering-dilution');
  const shown = new Set<CatalystType>(primary ? [primary.type] : []);
  if (blocksLong) shown.add('offering-dilution');
  return {
    type: primary?.type ?? null,
    blocksLong,
    weight: primary?.weight ?? 0,
    evidence: evidence.filter((e) => shown.has(e.type)).sort((a, b) => a.start - b.start),
    secondary: ranked.slice(1).map(({ type, weight }) => ({ type, weight })),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
