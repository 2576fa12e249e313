// The learned part of the sentiment: a small linear model over the rules' verdict and the text's words and
// word pairs, fitted on sent_train.csv only by scripts/train-sentiment-model.ts. The rules find the
// phrases and their direction; the model weighs them against the words around them (tweets about a
// stock's move, commentary, questions) and gives a graded score where the rules give a few steps.
import { ruleFeatures, wordFeatures } from './sentiment-features.ts';
import { RULES_DECIDE_AT, SENTIMENT_MODEL_WEIGHTS as W } from './sentiment-model.weights.ts';

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

const TRAINED = Object.keys(W).length > 0;

/** The model's verdict on a text given the rules' score, or null when no model has been trained. */
export function modelVerdict(tokens: readonly Token[], ruleScore: number): ModelVerdict | null {
  if (!TRAINED) return null;
  const z = [0, 0, 0];
  const addAll = (w: readonly [number, number, number] | undefined, v: number): void => {
    if (!w) return;
    z[0]! += w[0] * v;
    z[1]! += w[1] * v;
    z[2]! += w[2] * v;
  };
  addAll(W.bias, 1);
  for (const [name, v] of ruleFeatures(ruleScore)) if (v !== 0) addAll(W[name], v);
  // A word counts once, as in training.
  const seen = new Set<string>();
  for (const f of wordFeatures(tokens)) {
    if (seen.has(f)) continue;
    seen.add(f);
    addAll(W[f], 1);
  }
  const m = Math.max(z[0]!, z[1]!, z[2]!);
  const e = z.map((x) => Math.exp(x - m));
  const sum = e[0]! + e[1]! + e[2]!;
  const p = e.map((x) => x / sum);
  const best = p.indexOf(Math.max(...p));
  return {
    label: LABELS[best]!,
    score: Math.round((p[1]! - p[0]!) * 1e4) / 1e4,
    probabilities: { negative: p[0]!, positive: p[1]!, neutral: p[2]! },
  };
}
