import { describe, expect, it } from 'vitest';
import { asStoredJson, cloneJson } from './json-copy.ts';

describe('asStoredJson', () => {
  it('gives_what_a_json_round_trip_gives', () => {
    const samples: unknown[] = [
      { a: 1, b: undefined, c: () => 1, d: [1, undefined, () => 2, NaN], e: new Date(0), f: { g: Infinity, h: -0, i: null }, j: 'x', k: true },
      [{ toJSON: () => ({ nested: [undefined] }) }],
      { plan: { entry: 10, stop: Number.NaN }, news: { storyIds: [1, 2] }, n: new Number(3), s: new String('s') },
      'text',
      0,
    ];
    for (const v of samples) expect(asStoredJson(v)).toStrictEqual(JSON.parse(JSON.stringify(v)));
  });

  it('refuses_what_json_cannot_hold', () => {
    expect(() => asStoredJson(undefined)).toThrow(TypeError);
    expect(() => asStoredJson({ big: 1n })).toThrow(TypeError);
  });
});

describe('cloneJson', () => {
  it('copies_deeply_so_changing_the_copy_leaves_the_original', () => {
    const original = { list: [{ n: 1 }], text: 'x' };
    const copy = cloneJson(original);
    copy.list[0]!.n = 2;
    copy.list.push({ n: 3 });
    expect(original).toEqual({ list: [{ n: 1 }], text: 'x' });
  });
});
