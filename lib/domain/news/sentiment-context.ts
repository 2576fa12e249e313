// What the sentiment rules read around each matched phrase: the quantity a direction word moves, the
// negation and intensity before it, a figure after it, the trouble a resolution word ends, and the share of
// weight a concession or contrast leaves. Used by sentiment.ts's scoreRules.
import type { PhraseMatch } from './phrase-index.ts';
import type { LexiconEntry } from './sentiment-lexicon.ts';
import type { Token } from './tokens.ts';

/** How far (in tokens, within a clause) a direction word looks for its quantity, and a modifier for its phrase. */
const QTY_REACH = 3;
const NEG_REACH = 3;
/** A negated phrase keeps part of its strength: "not strong" is weaker than "weak". */
const NEGATED = 0.7;
/** A concession ("despite X", "although X") keeps this share of its weight: the main clause decides. */
const CONCEDED = 0.25;
/** Before "but"/"however", phrases keep this share: what follows is the point. */
const BEFORE_CONTRAST = 0.5;
/** How far (in tokens, within a clause) a resolution word looks for the trouble it ends. */
const RESOLVE_REACH = 4;

/** A lexicon phrase found in the text. */
export type Match = PhraseMatch<LexiconEntry>;

function gap(a: Match, b: Match): number {
  return a.to <= b.from ? b.from - a.to : a.from - b.to;
}

function sameClause(tokens: readonly Token[], a: Match, b: Match): boolean {
  return tokens[a.from]!.clause === tokens[b.from]!.clause;
}

/** "but", "despite": a direction word never reaches a quantity across them. */
function isTurn(m: Match): boolean {
  return m.data.role === 'contrast' || m.data.role === 'concede' || m.data.role === 'barrier';
}

/** The quantity a direction word moves: the nearest one in its clause, preferring the one before it on a tie. */
export function quantityOf(tokens: readonly Token[], matches: readonly Match[], k: number): Match | null {
  let best: Match | null = null;
  let bestGap = Infinity;
  const m = matches[k]!;
  for (let j = k - 1; j >= 0; j -= 1) {
    const q = matches[j]!;
    if (gap(q, m) > QTY_REACH || !sameClause(tokens, q, m) || isTurn(q)) break;
    if (q.data.role === 'qty') {
      best = q;
      bestGap = gap(q, m);
      break;
    }
  }
  for (let j = k + 1; j < matches.length; j += 1) {
    const q = matches[j]!;
    if (gap(m, q) > QTY_REACH || gap(m, q) >= bestGap || !sameClause(tokens, q, m) || isTurn(q)) break;
    if (q.data.role === 'qty') return q;
  }
  return best;
}

/** Negation and intensity words just before a phrase (and a percentage just after) scale its weight. */
export function modifiers(tokens: readonly Token[], matches: readonly Match[], k: number): number {
  const m = matches[k]!;
  let factor = 1;
  for (let j = k - 1; j >= 0; j -= 1) {
    const p = matches[j]!;
    if (gap(p, m) > NEG_REACH || !sameClause(tokens, p, m)) break;
    if (p.data.role === 'neg') {
      factor *= -NEGATED;
      break;
    }
    if (p.data.role === 'amp' && gap(p, m) <= 1) factor *= p.data.factor;
  }
  const next = matches[k + 1];
  if (next && next.data.role === 'amp' && gap(m, next) === 0 && sameClause(tokens, m, next)) factor *= next.data.factor;
  for (let t = m.to; t < Math.min(m.to + 3, tokens.length); t += 1) {
    const tok = tokens[t]!;
    if (tok.clause !== tokens[m.from]!.clause) break;
    if (tok.kind === 'percent') {
      factor *= 1 + Math.min(Math.abs(tok.value), 30) / 30;
      break;
    }
  }
  return factor;
}

const APPROXIMATELY = new Set(['nearly', 'about', 'almost', 'over', 'another', 'roughly', 'around', 'by', 'some', 'more', 'than']);

/** A figure right after a direction word ("up 5%", "down $7 billion", "up nearly 14%") says what moved. */
export function followedByFigure(tokens: readonly Token[], m: Match): boolean {
  const clause = tokens[m.from]!.clause;
  for (let t = m.to; t < Math.min(m.to + 3, tokens.length); t += 1) {
    const tok = tokens[t]!;
    if (tok.clause !== clause) return false;
    if (tok.kind === 'percent' || tok.kind === 'number') return true;
    if (!APPROXIMATELY.has(tok.text)) return false;
  }
  return false;
}

/** A percentage written with its sign ("+12%", "-20%") is a move by itself. */
export function signedPercentWeight(t: Token, text: string): number {
  const sign = text[t.start];
  if (sign !== '+' && sign !== '-' && sign !== '−') return 0;
  return Math.sign(t.value) * (0.8 + Math.min(Math.abs(t.value), 20) / 20);
}

/** Per-token weight factors for concessions and contrasts; null when the text has none. */
export function contrastScale(tokens: readonly Token[], matches: readonly Match[]): Float64Array | null {
  let scale: Float64Array | null = null;
  for (const m of matches) {
    if (m.data.role !== 'concede' && m.data.role !== 'contrast') continue;
    scale ??= new Float64Array(tokens.length).fill(1);
    if (m.data.role === 'contrast') {
      for (let t = 0; t < m.from; t += 1) scale[t]! *= BEFORE_CONTRAST;
    } else {
      const clause = tokens[m.from]!.clause;
      for (let t = m.from; t < tokens.length && tokens[t]!.clause === clause; t += 1) scale[t]! *= CONCEDED;
    }
  }
  return scale;
}

/** The trouble a resolution word ends: the nearest unconsumed resolvable quantity in its clause. */
export function troubleOf(tokens: readonly Token[], matches: readonly Match[], k: number, consumed: ReadonlySet<Match>): Match | null {
  const m = matches[k]!;
  let best: Match | null = null;
  for (let j = 0; j < matches.length; j += 1) {
    const q = matches[j]!;
    if (q.data.role !== 'qty' || !q.data.resolvable || consumed.has(q) || !sameClause(tokens, q, m) || gap(q, m) > RESOLVE_REACH) continue;
    if (!best || gap(q, m) < gap(best, m)) best = q;
  }
  return best;
}
