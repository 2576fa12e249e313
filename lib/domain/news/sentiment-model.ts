// The learned part of the sentiment: a small linear model over the rules' verdict and the text's words and
// word pairs, fitted on sent_train.csv only by scripts/train-sentiment-model.ts. The rules find the
// phrases and their direction; the model weighs them against the words around them (tweets about a
// stock's move, commentary, questions) and gives a graded score where the rules give a few steps.
import { isFeatureToken, ruleFeatures } from './sentiment-features.ts';
import { RULES_DECIDE_AT, SENTIMENT_MODEL_WEIGHTS } from './sentiment-model.weights.ts';
import { decodeWeights, type FeatureWeights } from './sentiment-weights-codec.ts';

/** Where the rules are at least this sure (|score|), their direction stands over the model's (chosen by CV on sent_train). */
export const RULES_DECIDE = RULES_DECIDE_AT;
import type { Token } from './tokens.ts';

export type ModelLabel = 'negative' | 'positive' | 'neutral';
const LABELS: readonly ModelLabel[] = ['negative', 'positive', 'neutral'];

/** Class probabilities, their label, and `score` = P(positive) − P(negative) in [-1, 1]. */
export interface ModelVerdict {
  label: ModelLabel;
  score: number;
  probabilities: { negative: number; positive: number; neutral: number };
}

type Weights = FeatureWeights;

/** The shipped weights by feature name, decoded once per process. */
const W = decodeWeights(SENTIMENT_MODEL_WEIGHTS);

/**
 * The weights as lookups by token key, built once: words by key, pairs by first then second key, so that
 * scoring builds no strings (feature names are only the shipped file's format; see sentiment-features.ts).
 */
function buildLookups(): { words: ReadonlyMap<string, Weights>; pairs: ReadonlyMap<string, ReadonlyMap<string, Weights>> } {
  const words = new Map<string, Weights>();
  const pairs = new Map<string, Map<string, Weights>>();
  for (const [name, w] of Object.entries(W)) {
    if (name.startsWith('w:')) words.set(name.slice(2), w);
    else if (name.startsWith('b:')) {
      const space = name.indexOf(' ', 2);
      const first = name.slice(2, space);
      const inner = pairs.get(first) ?? new Map<string, Weights>();
      inner.set(name.slice(space + 1), w);
      pairs.set(first, inner);
    }
  }
  return { words, pairs };
}

const TRAINED = Object.keys(W).length > 0;
const LOOKUPS = buildLookups();

/** The model's verdict on a text given the rules' score, or null when no model has been trained. */
export function modelVerdict(tokens: readonly Token[], ruleScore: number): ModelVerdict | null {
  if (!TRAINED) return null;
  const bias = W.bias!;
  let z0 = bias[0];
  let z1 = bias[1];
  let z2 = bias[2];
  for (const [name, v] of ruleFeatures(ruleScore)) {
    const w = v !== 0 ? W[name] : undefined;
    if (w) {
      z0 += w[0] * v;
      z1 += w[1] * v;
      z2 += w[2] * v;
    }
  }
  // A feature counts once per text, as in training (wordFeatures names the same words and pairs).
  const seen: Weights[] = [];
  let prev: Token | null = null;
  for (const t of tokens) {
    if (!isFeatureToken(t)) {
      prev = null;
      continue;
    }
    for (let k = 0; k < 2; k += 1) {
      const w = k === 0 ? LOOKUPS.words.get(t.key) : prev && prev.clause === t.clause ? LOOKUPS.pairs.get(prev.key)?.get(t.key) : undefined;
      if (!w || seen.includes(w)) continue;
      seen.push(w);
      z0 += w[0];
      z1 += w[1];
      z2 += w[2];
    }
    prev = t;
  }
  const m = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - m);
  const e1 = Math.exp(z1 - m);
  const e2 = Math.exp(z2 - m);
  const sum = e0 + e1 + e2;
  const p = [e0 / sum, e1 / sum, e2 / sum] as const;
  const best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
  return {
    label: LABELS[best]!,
    score: Math.round((p[1] - p[0]) * 1e4) / 1e4,
    probabilities: { negative: p[0], positive: p[1], neutral: p[2] },
  };
}
