import type { SentimentLabel } from './sentiment.ts';

/** The three sentiment classes in a fixed order (rows and columns of the confusion matrix). */
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'positive', 'neutral'];

/** Accuracy, per-class precision/recall/F1, their macro average, and the confusion matrix (rows: truth). */
export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<SentimentLabel, { precision: number; recall: number; f1: number; support: number }>;
  /** `confusion[truth][predicted]`, indexed like SENTIMENT_LABELS. */
  confusion: number[][];
}

/** Scores predictions against truth; a class never predicted has precision 0 (as scikit-learn reports it). */
export function evaluateLabels(truth: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): ClassificationReport {
  if (truth.length !== predicted.length) throw new Error(`truth has ${truth.length} labels, predictions ${predicted.length}`);
  const idx = new Map(SENTIMENT_LABELS.map((l, i) => [l, i]));
  const confusion = SENTIMENT_LABELS.map(() => SENTIMENT_LABELS.map(() => 0));
  for (let i = 0; i < truth.length; i += 1) confusion[idx.get(truth[i]!)!]![idx.get(predicted[i]!)!]! += 1;
  let correct = 0;
  let f1Sum = 0;
  const perClass = {} as ClassificationReport['perClass'];
  SENTIMENT_LABELS.forEach((label, c) => {
    const tp = confusion[c]![c]!;
    correct += tp;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedC = confusion.reduce((a, row) => a + row[c]!, 0);
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    f1Sum += f1;
    perClass[label] = { precision, recall, f1, support };
  });
  const n = truth.length;
  return { n, accuracy: n ? correct / n : 0, macroF1: f1Sum / SENTIMENT_LABELS.length, perClass, confusion };
}
