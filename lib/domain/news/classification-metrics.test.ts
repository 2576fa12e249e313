import { describe, expect, it } from 'vitest';
import { evaluateLabels } from './classification-metrics.ts';

describe('evaluateLabels', () => {
  it('computes_accuracy_per_class_f1_and_the_confusion_matrix', () => {
    const r = evaluateLabels(['positive', 'positive', 'negative', 'neutral'], ['positive', 'neutral', 'negative', 'neutral']);
    expect(r.accuracy).toBe(0.75);
    expect(r.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(r.perClass.positive).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(r.perClass.neutral.precision).toBe(0.5);
    expect(r.macroF1).toBeCloseTo((1 + 2 / 3 + 2 / 3) / 3, 12);
  });

  it('gives_always_neutral_zero_f1_on_the_classes_it_never_predicts', () => {
    const r = evaluateLabels(['positive', 'negative', 'neutral', 'neutral'], ['neutral', 'neutral', 'neutral', 'neutral']);
    expect(r.accuracy).toBe(0.5);
    expect(r.perClass.positive.f1).toBe(0);
    expect(r.macroF1).toBeCloseTo(((2 * 0.5) / 1.5) / 3, 12);
  });

  it('rejects_lists_of_different_lengths', () => {
    expect(() => evaluateLabels(['neutral'], [])).toThrow(/1 labels, predictions 0/);
  });
});
