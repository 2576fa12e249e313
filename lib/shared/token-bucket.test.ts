import { describe, expect, it } from 'vitest';
import { takeFromBucket } from './token-bucket.ts';

describe('takeFromBucket', () => {
  it('starts_full_refills_continuously_and_says_how_long_to_wait', () => {
    const first = takeFromBucket(undefined, 2, 0.001, 1_000, 2);
    expect(first).toMatchObject({ allowed: true, remaining: 0, waitMs: 0 });
    const denied = takeFromBucket(first.state, 2, 0.001, 1_500, 1);
    expect(denied).toMatchObject({ allowed: false, remaining: 0, waitMs: 500 });
    expect(takeFromBucket(denied.state, 2, 0.001, 2_000, 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(takeFromBucket(denied.state, 2, 0.001, 60_000, 0)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('never_refills_at_rate_zero_and_ignores_a_clock_going_back', () => {
    const empty = takeFromBucket(undefined, 1, 0, 5_000, 1);
    expect(takeFromBucket(empty.state, 1, 0, 9_000, 1)).toMatchObject({ allowed: false, waitMs: -1 });
    expect(takeFromBucket({ tokens: 0, ts: 5_000 }, 1, 1, 4_000, 0).state).toEqual({ tokens: 0, ts: 5_000 });
  });
});
