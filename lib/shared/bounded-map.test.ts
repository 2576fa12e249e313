import { describe, expect, it } from 'vitest';
import { setBounded } from './bounded-map.ts';

describe('setBounded', () => {
  it('drops_the_entries_set_longest_ago_beyond_the_capacity', () => {
    const map = new Map<string, number>();
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) setBounded(map, k, i, 2);
    expect([...map]).toEqual([['c', 2], ['d', 3]]);
  });

  it('keeps_an_existing_key_in_its_place_when_it_is_set_again', () => {
    const map = new Map([['a', 1], ['b', 2]]);
    setBounded(map, 'a', 10, 2);
    expect([...map]).toEqual([['a', 10], ['b', 2]]);
    setBounded(map, 'c', 3, 2);
    expect([...map]).toEqual([['b', 2], ['c', 3]]);
  });

  it('keeps_nothing_at_capacity_zero', () => {
    const map = new Map<string, number>();
    setBounded(map, 'a', 1, 0);
    expect(map.size).toBe(0);
  });
});
