// The features the learned part of the sentiment reads: words and word pairs of a text (as tokenized for
// the rules), and the rules' own verdict. Shared by training (scripts/train-sentiment-model.ts) and scoring.
import type { Token } from './tokens.ts';

/** Token keys that carry no meaning of their own as words. */
const SKIP = new Set(['<tkr>', '<num>', '<co>']);

/** True for the tokens the model reads (not hashtags, tickers, numbers or masked company names). */
export function isFeatureToken(t: Token): boolean {
  return t.kind !== 'hashtag' && !SKIP.has(t.key);
}

/** Word (`w:`) and adjacent-pair (`b:`) feature names of a token list, pairs kept within a clause. */
export function wordFeatures(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  let prev: Token | null = null;
  for (const t of tokens) {
    if (!isFeatureToken(t)) {
      prev = null;
      continue;
    }
    out.push(`w:${t.key}`);
    if (prev && prev.clause === t.clause) out.push(`b:${prev.key} ${t.key}`);
    prev = t;
  }
  return out;
}

/** The rules' verdict as numeric features: their score split by sign, and its strength past the label thresholds. */
export function ruleFeatures(score: number): [string, number][] {
  return [
    ['r:pos', Math.max(score, 0)],
    ['r:neg', Math.max(-score, 0)],
    ['r:pos2', score >= 0.4 ? 1 : 0],
    ['r:neg2', score <= -0.3 ? 1 : 0],
  ];
}
