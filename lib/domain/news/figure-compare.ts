import type { Token } from './tokens.ts';

/** A reported figure compared with another: "sales $5.17 bln vs. $5.40 bln", "...; consensus $5.32 bln". */
export interface FigureComparison {
  /** Token span of the reported figure (its quantity, if any, comes before it). */
  from: number;
  to: number;
  /** Token span up to the end of the figure it was compared with. */
  end: number;
  /** +1 when the reported figure is higher, -1 when lower (never 0: equal figures are no comparison). */
  sign: 1 | -1;
  /** Against analysts' consensus (a beat or a miss) or against a prior period or guidance. */
  against: 'consensus' | 'prior';
}

const UNITS: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, mln: 1e6, million: 1e6, b: 1e9, bn: 1e9, bln: 1e9, billion: 1e9,
  t: 1e12, tln: 1e12, trillion: 1e12, cents: 0.01, cent: 0.01, c: 0.01,
};
const FILLER = new Set(['prior', 'a', 'an', 'the', 'of', 'estimated', 'expected', 'estimate', 'estimates', 'forecast', 'consensus']);

interface Figure {
  value: number;
  from: number;
  to: number;
}

/** A number with an optional unit word, or a range "$4.75 to $4.95" read as its midpoint. */
function figureAt(tokens: readonly Token[], i: number): Figure | null {
  const one = (j: number): Figure | null => {
    const t = tokens[j];
    if (!t || t.kind !== 'number' || !Number.isFinite(t.value)) return null;
    const unit = tokens[j + 1];
    const scale = unit && unit.kind === 'word' && unit.clause === t.clause ? UNITS[unit.text] : undefined;
    // A bare year ("2019 sales") is a date, not a figure.
    if (scale === undefined && !t.text.startsWith('$') && Number.isInteger(t.value) && t.value >= 1990 && t.value <= 2100) return null;
    return scale === undefined ? { value: t.value, from: j, to: j + 1 } : { value: t.value * scale, from: j, to: j + 2 };
  };
  const a = one(i);
  if (!a) return null;
  const link = tokens[a.to];
  const b = link && (link.text === 'to' || link.text === 'and') ? one(a.to + 1) : null;
  return b ? { value: (a.value + b.value) / 2, from: a.from, to: b.to } : a;
}

/** The figure after a comparison word, skipping a few filler words ("vs. prior", "vs. a consensus of"). */
function figureAfter(tokens: readonly Token[], i: number): Figure | null {
  for (let j = i; j < Math.min(i + 4, tokens.length); j += 1) {
    const f = figureAt(tokens, j);
    if (f) return f;
    if (!FILLER.has(tokens[j]!.text)) return null;
  }
  return null;
}

/** The figure whose last token is just before `i` ("$5.17 bln" before "vs"). */
function figureEndingAt(tokens: readonly Token[], i: number): Figure | null {
  for (let j = Math.max(0, i - 4); j < i; j += 1) {
    const f = figureAt(tokens, j);
    if (f && f.to === i) return f;
  }
  return null;
}

const VS = new Set(['vs', 'versus']);
const CONSENSUS = new Set(['consensus', 'estimate', 'estimates', 'expected']);

/**
 * Finds "A vs. B" figure pairs, and "consensus B" figures measured against the first figure reported,
 * as in "Q3 sales $5.17 bln vs. $5.40 bln a year ago; FactSet consensus $5.32 bln".
 */
export function compareFigures(tokens: readonly Token[]): FigureComparison[] {
  const out: FigureComparison[] = [];
  let reported: Figure | null = null;
  for (let i = 0; i < tokens.length; i += 1) {
    const word = tokens[i]!.text;
    const vs = VS.has(word);
    if (!vs && !CONSENSUS.has(word)) {
      if (!reported && tokens[i]!.kind === 'number') reported = figureAt(tokens, i);
      continue;
    }
    const before: Figure | null = vs ? figureEndingAt(tokens, i) : reported;
    const after = figureAfter(tokens, i + 1);
    if (!after) continue;
    if (before && after.value !== before.value) {
      let against: FigureComparison['against'] = vs ? 'prior' : 'consensus';
      for (let j = i + 1; j < after.from; j += 1) if (CONSENSUS.has(tokens[j]!.text)) against = 'consensus';
      out.push({ from: before.from, to: before.to, end: after.to, sign: before.value > after.value ? 1 : -1, against });
    }
    reported ??= before;
    i = after.to - 1;
  }
  return out;
}
