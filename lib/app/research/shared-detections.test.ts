import { describe, expect, it } from 'vitest';
import type { Detection } from '../../strategy/decide/strategy-types.ts';
import { sharedDetections, type DetectBatch } from './shared-detections.ts';

const hammer = (symbol: string, t: number): Detection => ({ name: `hammer-${symbol}`, kind: 'pattern', direction: 'bullish', t, levels: { low: 1 } });

/** A detector that records the batches it was asked for and answers one detection per symbol stamped `at`. */
function detector(at: number): DetectBatch & { batches: string[][] } {
  const batches: string[][] = [];
  const detect = async (symbols: readonly string[]) => {
    batches.push([...symbols]);
    return Object.fromEntries(symbols.map((s) => [s, [hammer(s, at)]]));
  };
  return Object.assign(detect, { batches });
}

describe('detections shared across trials', () => {
  it('computes_only_the_symbols_no_earlier_trial_detected_at_that_instant_and_answers_in_the_asked_order', async () => {
    const shared = sharedDetections();
    const first = detector(100);
    expect(await shared(100, 'stocks', ['AAA', 'BBB'], first)).toEqual({ AAA: [hammer('AAA', 100)], BBB: [hammer('BBB', 100)] });
    const second = detector(100);
    const answer = await shared(100, 'stocks', ['CCC', 'BBB', 'AAA'], second);
    expect(Object.keys(answer)).toEqual(['CCC', 'BBB', 'AAA']);
    expect(answer).toEqual({ CCC: [hammer('CCC', 100)], BBB: [hammer('BBB', 100)], AAA: [hammer('AAA', 100)] });
    expect(second.batches).toEqual([['CCC']]);
    // Another instant or the other market is another question.
    const later = detector(160);
    await shared(160, 'stocks', ['AAA'], later);
    await shared(100, 'crypto', ['AAA'], later);
    expect(later.batches).toEqual([['AAA'], ['AAA']]);
    expect(shared.size()).toBe(5);
  });

  it('hands_out_frozen_detections_so_no_trial_can_change_another_trials_answer', async () => {
    const shared = sharedDetections();
    const answer = await shared(100, 'stocks', ['AAA'], detector(100));
    expect(() => answer.AAA!.push(hammer('ZZZ', 1))).toThrow(TypeError);
    expect(() => Object.assign(answer.AAA![0]!.levels, { low: 0 })).toThrow(TypeError);
    expect((await shared(100, 'stocks', ['AAA'], detector(100))).AAA).toEqual([hammer('AAA', 100)]);
  });

  it('keeps_answers_of_the_batch_in_hand_when_the_oldest_are_dropped_at_capacity', async () => {
    const shared = sharedDetections(2);
    await shared(100, 'stocks', ['AAA', 'BBB'], detector(100));
    const answer = await shared(100, 'stocks', ['AAA', 'CCC', 'DDD'], detector(100));
    expect(answer).toEqual({ AAA: [hammer('AAA', 100)], CCC: [hammer('CCC', 100)], DDD: [hammer('DDD', 100)] });
    expect(shared.size()).toBe(2);
  });
});
