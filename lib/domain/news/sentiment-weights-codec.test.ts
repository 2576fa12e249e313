import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights } from './sentiment-weights-codec.ts';

describe('sentiment weights codec', () => {
  it('round_trips_thousandths_to_the_same_doubles_in_order', () => {
    const entries = [
      ['bias', [-1.147, -1.067, 1.337]],
      ['b:<pct> above', [-0.598, 0.125, 0.099]],
      ['w:â', [32.767, -32.768, 0]],
    ] as const;
    const decoded = decodeWeights(encodeWeights(entries));
    expect(Object.entries(decoded)).toEqual(entries.map(([n, w]) => [n, [...w]]));
    expect(Object.is(decoded['bias']![0], -1.147)).toBe(true);
  });

  it('refuses_a_weight_that_is_not_a_thousandth_or_out_of_range_naming_it', () => {
    expect(() => encodeWeights([['w:up', [0.1234, 0, 0]]])).toThrow('w:up[0] = 0.1234 is not a multiple of 0.001 within ±32.767');
    expect(() => encodeWeights([['w:up', [0, 0, 40]]])).toThrow('w:up[2] = 40');
  });

  it('refuses_weights_whose_length_does_not_match_the_features', () => {
    const { weights } = encodeWeights([['w:up', [1, 2, 3]]]);
    expect(() => decodeWeights({ features: 'w:up\nw:down', weights })).toThrow('2 features need 12 bytes of weights, found 6');
  });
});
