import { parseAnalystActions, type AnalystAction } from './analyst-action.ts';
import { compareFigures } from './figure-compare.ts';
import { modelVerdict, RULES_DECIDE } from './sentiment-model.ts';
import { buildPhraseIndex, type PhraseMatch } from './phrase-index.ts';
import { lexiconEntries, type LexiconEntry } from './sentiment-lexicon.ts';
import { phraseEntries } from './sentiment-phrases.ts';
import { tokenize, type Token } from './tokens.ts';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

/** One scored phrase: as written in the text, its character span, and its signed contribution (before whole-text damping). */
export interface SentimentEvidence {
  phrase: string;
  start: number;
  end: number;
  weight: number;
}

/** Sentiment of a financial text: `score` in [-1, 1], its label, and the phrases behind it. */
export interface Sentiment {
  score: number;
  label: SentimentLabel;
  evidence: SentimentEvidence[];
  /** The rules' own score (from `evidence` alone), when a model graded `score`; what a company's direction reads. */
  rulesScore?: number;
}

// Fixed phrases are added after the compositional lexicon so that a phrase overrides a word entry.
const INDEX = buildPhraseIndex<LexiconEntry>([...lexiconEntries(), ...phraseEntries()]);

/** How far (in tokens, within a clause) a direction word looks for its quantity, and a modifier for its phrase. */
const QTY_REACH = 3;
const NEG_REACH = 3;
/** A direction applied to a quantity whose good or bad depends (rates, oil) counts this much. */
const AMBIGUOUS_QTY = 0;
/** A negated phrase keeps part of its strength: "not strong" is weaker than "weak". */
const NEGATED = 0.7;
/** Headlines asking a question ("Is X a buy?") rarely commit to a direction (396 of them in sent_train: 96 % neutral). */
const QUESTION = 0.2;
const QUESTION_RE = /\?\s*(?:https?:\/\/\S+\s*)*$/;
/**
 * Central-bank and policy commentary moves no particular stock: its direction words ("cuts rates", "eases",
 * "shrinks repos") are damped. In sent_train 82 % of such texts are labelled neutral.
 */
const POLICY = 0.5;
const POLICY_RE = /\b(fed|fomc|ecb|boe|boj|pboc|rbi|rba|rbnz|snb|imf|riksbank|central bank|federal reserve|powell|lagarde)\b/i;
/** A reported figure above (below) consensus or the prior period, for a quantity where more is good. */
const FIGURE_VS_CONSENSUS = 1.2;
const FIGURE_VS_PRIOR = 0.9;
/** A concession ("despite X", "although X") keeps this share of its weight: the main clause decides. */
const CONCEDED = 0.25;
/** Before "but"/"however", phrases keep this share: what follows is the point. */
const BEFORE_CONTRAST = 0.5;
/** How far (in tokens, within a clause) a resolution word looks for the trouble it ends. */
const RESOLVE_REACH = 4;
/** An analyst action's score in [-1, 1] counts this much raw weight (a plain upgrade ≈ "strong" news). */
const ANALYST_RAW = 2;
/** `score = raw / (|raw| + SCALE)`; positive from POSITIVE_AT up, negative from -NEGATIVE_AT down (set on sent_train). */
const SCALE = 1;
const POSITIVE_AT = 0.4;
const NEGATIVE_AT = 0.3;

type Match = PhraseMatch<LexiconEntry>;

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
function quantityOf(tokens: readonly Token[], matches: readonly Match[], k: number): Match | null {
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
function modifiers(tokens: readonly Token[], matches: readonly Match[], k: number): number {
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
function followedByFigure(tokens: readonly Token[], m: Match): boolean {
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
function signedPercentWeight(t: Token, text: string): number {
  const sign = text[t.start];
  if (sign !== '+' && sign !== '-' && sign !== '−') return 0;
  return Math.sign(t.value) * (0.8 + Math.min(Math.abs(t.value), 20) / 20);
}

/** Per-token weight factors for concessions and contrasts; null when the text has none. */
function contrastScale(tokens: readonly Token[], matches: readonly Match[]): Float64Array | null {
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
function troubleOf(tokens: readonly Token[], matches: readonly Match[], k: number, consumed: ReadonlySet<Match>): Match | null {
  const m = matches[k]!;
  let best: Match | null = null;
  for (let j = 0; j < matches.length; j += 1) {
    const q = matches[j]!;
    if (q.data.role !== 'qty' || !q.data.resolvable || consumed.has(q) || !sameClause(tokens, q, m) || gap(q, m) > RESOLVE_REACH) continue;
    if (!best || gap(q, m) < gap(best, m)) best = q;
  }
  return best;
}

/**
 * Scores a financial headline or tweet: direction words applied to quantities, fixed phrases, negation,
 * intensity. Pass `tokens` when the caller has already tokenized `text`.
 */
export function scoreSentiment(text: string, tokens: readonly Token[] = tokenize(text), actions: readonly AnalystAction[] = parseAnalystActions(text)): Sentiment {
  const rules = scoreRules(text, tokens, actions);
  const model = modelVerdict(tokens, rules.score);
  if (!model) return rules;
  // An analyst action decides by itself; so do the rules where they are sure (a resolution, an FDA letter,
  // a contrast read the other way by the words alone). Elsewhere the model grades the text.
  if (actions.some((a) => a.score !== 0)) return rules;
  if (Math.abs(rules.score) >= RULES_DECIDE && model.label !== rules.label) return rules;
  // Word order is the rules' to read: after "but" or "despite", their direction stands.
  if (turnsIn(tokens) && Math.sign(model.score) !== Math.sign(rules.score) && rules.score !== 0) return rules;
  // The score grades by both: the model's confidence and the rules' magnitude ("plunge 20%" beyond "dip").
  const score = Math.round(((model.score + rules.score) / 2) * 1e4) / 1e4;
  return { score, label: model.label, evidence: rules.evidence, rulesScore: rules.score };
}

const TURNS = new Set(['but', 'however', 'despite', 'although', 'though', 'nevertheless', 'nonetheless']);

function turnsIn(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (TURNS.has(t.key)) return true;
  return false;
}

/** The rules alone: phrases, their directions and modifiers (what the learned model reads as features). */
export function scoreRules(text: string, tokens: readonly Token[] = tokenize(text), actions: readonly AnalystAction[] = parseAnalystActions(text)): Sentiment {
  const matches = INDEX.matchAll(tokens);
  const consumed = new Set<Match>();
  const evidence: SentimentEvidence[] = [];
  const scale = contrastScale(tokens, matches);
  let raw = 0;
  const add = (from: number, to: number, weight: number): void => {
    if (weight === 0) return;
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    // An analyst action is scored as a whole (its action and target change), not by its rating words.
    if (actions.length && actions.some((a) => start < a.end && end > a.start)) return;
    const w = scale ? weight * scale[from]! : weight;
    evidence.push({ phrase: text.slice(start, end), start, end, weight: Math.round(w * 1000) / 1000 });
    raw += w;
  };
  for (const a of actions) {
    const w = a.score * ANALYST_RAW;
    if (w === 0) continue;
    evidence.push({ phrase: a.phrase, start: a.start, end: a.end, weight: Math.round(w * 1000) / 1000 });
    raw += w;
  }

  for (let k = 0; k < matches.length; k += 1) {
    const m = matches[k]!;
    const e = m.data;
    if (e.role === 'dir') {
      const q = quantityOf(tokens, matches, k);
      if (!q && e.needsQty && !followedByFigure(tokens, m)) continue;
      let polarity = 1;
      if (q && q.data.role === 'qty') {
        consumed.add(q);
        polarity = q.data.polarity === 0 ? AMBIGUOUS_QTY : q.data.polarity;
      }
      const from = q ? Math.min(q.from, m.from) : m.from;
      const to = q ? Math.max(q.to, m.to) : m.to;
      add(from, to, e.sign * e.strength * polarity * modifiers(tokens, matches, k));
    } else if (e.role === 'polar') {
      add(m.from, m.to, e.weight * modifiers(tokens, matches, k));
    }
  }
  for (let k = 0; k < matches.length; k += 1) {
    const m = matches[k]!;
    if (m.data.role !== 'resolve') continue;
    const q = troubleOf(tokens, matches, k, consumed);
    if (q) {
      consumed.add(q);
      add(Math.min(q.from, m.from), Math.max(q.to, m.to), m.data.weight);
    } else add(m.from, m.to, m.data.alone * modifiers(tokens, matches, k));
  }
  for (let k = 0; k < matches.length; k += 1) {
    const m = matches[k]!;
    if (m.data.role === 'qty' && m.data.alone !== 0 && !consumed.has(m)) add(m.from, m.to, m.data.alone * modifiers(tokens, matches, k));
  }
  for (const c of compareFigures(tokens)) {
    // The quantity named just before the reported figure ("sales $5.17 bln vs. ...") says if higher is good.
    const clause = tokens[c.from]!.clause;
    const q = matches.findLast((m) => m.data.role === 'qty' && m.to <= c.from && c.from - m.to <= 4 && tokens[m.from]!.clause === clause);
    if (q?.data.role !== 'qty' || q.data.polarity === 0) continue;
    add(q.from, c.end, c.sign * q.data.polarity * (c.against === 'consensus' ? FIGURE_VS_CONSENSUS : FIGURE_VS_PRIOR));
  }
  for (let t = 0; t < tokens.length; t += 1) {
    if (tokens[t]!.kind === 'percent') add(t, t + 1, signedPercentWeight(tokens[t]!, text));
  }

  const score = scoreFromRaw(raw, text);
  return { score, label: sentimentLabel(score), evidence };
}

/** A score in [-1, 1] from summed evidence weights, damped for questions and central-bank commentary. */
export function scoreFromRaw(raw: number, text: string): number {
  let r = raw;
  if (QUESTION_RE.test(text)) r *= QUESTION;
  if (POLICY_RE.test(text)) r *= POLICY;
  return Math.round((r / (Math.abs(r) + SCALE)) * 1e4) / 1e4;
}

/** The label of a sentiment score in [-1, 1]. */
export function sentimentLabel(score: number): SentimentLabel {
  return score >= POSITIVE_AT ? 'positive' : score <= -NEGATIVE_AT ? 'negative' : 'neutral';
}
