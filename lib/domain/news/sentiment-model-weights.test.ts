// The shipped weights are stored compactly (sentiment-model.weights.ts). These digests were taken from the
// scores of the former literal table (one `"name": [w0, w1, w2]` line per feature) before the encoding
// changed: every score and every probability, to the last bit, must stay as it was.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEADLINE_CASES } from './headline-cases.fixture.ts';
import { parseSentimentCsv } from './sentiment-dataset.ts';
import { modelVerdict } from './sentiment-model.ts';
import { scoreRules, scoreSentiment } from './sentiment.ts';
import { tokenize } from './tokens.ts';
import { sharedData, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

/** sha256 over each text's full verdict: the sentiment as scored, and the model's raw probabilities. */
function scoresDigest(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) {
    const tokens = tokenize(text);
    const model = modelVerdict(tokens, scoreRules(text, tokens).score);
    hash.update(JSON.stringify([scoreSentiment(text, tokens), model]) + '\n');
  }
  return hash.digest('hex');
}

/** The text of each line of the cashtag tweet files (everything after the third comma). */
function tweetTexts(): string[] {
  const dir = sharedData('news', 'tweets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .flatMap((f) => readFileSync(`${dir}/${f}`, 'utf8').split('\n').slice(1).filter(Boolean))
    .map((line) => line.split(',').slice(3).join(','));
}

/** [texts, digest] per corpus, from the literal table (commit fb09b4d). */
const BEFORE: Record<string, [number, string]> = {
  headlines: [211, 'a0ed51b365393b54ba3a49be5daabf1c9c76f5fff03e05c4761ebc6feb304930'],
  'sent_train.csv': [9543, '81b86165d9d7a5f11d09d1166c60bd7d180b65dba89bc58ad471a04877f69232'],
  'sent_valid.csv': [2388, 'a4231fd336a1252301d4531e2592fa7fa0097ca3bc131313dda90c206755c352'],
  tweets: [53868, 'fbd698a9eaadbb3a545a78851bfa81f03e01e0d6386df2bc66ec7de08c07ce48'],
};

describe('sentiment model weights: the compact encoding scores exactly as the literal table did', () => {
  it('scores_every_headline_case_identically', () => {
    const texts = HEADLINE_CASES.map((h) => h.text);
    expect([texts.length, scoresDigest(texts)]).toEqual(BEFORE.headlines);
  });

  describe.skipIf(skipWithoutSharedData('sentiment', 'sent_train.csv') || skipWithoutSharedData('sentiment', 'sent_valid.csv'))('on the labelled finance tweets', () => {
    it.each(['sent_train.csv', 'sent_valid.csv'])('scores_every_text_of_%s_identically', (file) => {
      const texts = parseSentimentCsv(readFileSync(sharedData('sentiment', file), 'utf8')).map((r) => r.text);
      expect([texts.length, scoresDigest(texts)]).toEqual(BEFORE[file]);
    });
  });

  describe.skipIf(skipWithoutSharedData('news', 'tweets'))('on the cashtag tweets', () => {
    it('scores_every_tweet_identically', () => {
      const texts = tweetTexts();
      expect([texts.length, scoresDigest(texts)]).toEqual(BEFORE.tweets);
    }, 120_000);
  });
});
