import { parseAnalystActions, type AnalystAction } from './analyst-action.ts';
import { compareFigures } from './figure-compare.ts';
import { modelVerdict, RULES_DECIDE } from './sentiment-model.ts';
import { buildPhraseIndex } from './phrase-index.ts';
import { contrastScale, followedByFigure, modifiers, quantityOf, signedPercentWeight, troubleOf, type Match } from './sentiment-context.ts';
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

/** A direction applied to a quantity whose good or bad depends (rates, oil) counts this much. */
const AMBIGUOUS_QTY = 0;
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
/** An analyst action's score in [-1, 1] counts this much raw weight (a plain upgrade ≈ "strong" news). */
const ANALYST_RAW = 2;
/** `score = raw / (|raw| + SCALE)`; positive from POSITIVE_AT up, negative from -NEGATIVE_AT down (set on sent_train). */
const SCALE = 1;
const POSITIVE_AT = 0.4;
const NEGATIVE_AT = 0.3;

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
