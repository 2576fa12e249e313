import { describe, expect, it } from 'vitest';
import { walkForwardFolds } from './folds.ts';

const days = (n: number) => Array.from({ length: n }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);

describe('walk-forward folds', () => {
  it('rolls_in_sample_windows_and_tiles_out_of_sample_after_them', () => {
    const folds = walkForwardFolds(days(10), { folds: 3, inSampleSessions: 4, outOfSampleSessions: 2 });
    expect(folds.map((f) => [f.inSample, f.outOfSample])).toEqual([
      [days(10).slice(0, 4), days(10).slice(4, 6)],
      [days(10).slice(2, 6), days(10).slice(6, 8)],
      [days(10).slice(4, 8), days(10).slice(8, 10)],
    ]);
  });

  it('never_lets_an_out_of_sample_session_precede_or_repeat', () => {
    const folds = walkForwardFolds(days(31), { folds: 4 });
    const oos = folds.flatMap((f) => f.outOfSample);
    expect(new Set(oos).size).toBe(oos.length);
    for (const f of folds) expect(f.inSample.at(-1)! < f.outOfSample[0]!).toBe(true);
    expect(oos.at(-1)).toBe(days(31).at(-1));
  });

  it('leaves_out_the_oldest_sessions_when_the_range_does_not_divide', () => {
    const folds = walkForwardFolds(days(7), { folds: 2, inSampleSessions: 2, outOfSampleSessions: 2 });
    expect(folds[0]!.inSample).toEqual(['2026-01-02', '2026-01-03']);
    expect(folds[1]!.outOfSample).toEqual(['2026-01-06', '2026-01-07']);
  });

  it('says_what_does_not_fit', () => {
    expect(() => walkForwardFolds(days(3), { folds: 2, inSampleSessions: 2, outOfSampleSessions: 1 })).toThrow(/3 session\(s\) cannot hold 2 fold\(s\) of 2 in-sample and 1 out-of-sample/);
    expect(() => walkForwardFolds(days(3), { folds: 0 })).toThrow(/folds must be a whole number >= 1 \(got 0\)/);
  });
});
