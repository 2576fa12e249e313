import { describe, expect, it } from 'vitest';
import { lruMemo } from './session-cache.ts';

describe('a bounded memo of the most recently used values', () => {
  it('drops_the_least_recently_used_value_when_full_and_counts_what_it_answered', () => {
    const memo = lruMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    expect(memo.get('a')).toBe(1); // 'a' used: 'b' is now the least recent
    memo.set('c', 3);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe(1);
    expect(memo.get('c')).toBe(3);
    expect(memo.stats()).toEqual({ sessions: 2, hits: 3, misses: 1 });
  });

  it('holds_nothing_with_a_bound_of_zero', () => {
    const memo = lruMemo<number>(0);
    memo.set('a', 1);
    expect(memo.get('a')).toBeUndefined();
    expect(memo.stats()).toEqual({ sessions: 0, hits: 0, misses: 1 });
  });
});
