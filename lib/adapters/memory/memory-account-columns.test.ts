import { describe, expect, it } from 'vitest';
import { AccountColumns } from './memory-account-columns.ts';
import type { AccountRow } from './memory-trading-rows.ts';

const T = Date.parse('2026-11-23T14:31:00Z');
const snapshot = (minute: number, equity: number): AccountRow => ({ at: T + minute * 60_000, equity, cash: equity / 3, buyingPower: equity * 2, longMarketValue: 0.1, shortMarketValue: 0, lastEquity: 100_000.25 });

const row = (minute: number, equity: number): [number, AccountRow] => [T + minute * 60_000, snapshot(minute, equity)];

describe('AccountColumns', () => {
  it('keeps_one_snapshot_a_time_in_time_order_exactly_as_given_past_its_first_capacity', () => {
    const cols = new AccountColumns();
    const minutes = Array.from({ length: 700 }, (_, n) => (n * 389) % 700);
    for (const m of minutes) expect(cols.insertIfNew(...row(m, 100_000 + m / 7))).toBe(true);
    // A second snapshot at a time already stored is not kept (the primary key), whatever it says.
    expect(cols.insertIfNew(...row(5, 1))).toBe(false);
    expect(cols.length).toBe(700);
    expect(Array.from({ length: 700 }, (_, i) => cols.row(i))).toEqual(Array.from({ length: 700 }, (_, m) => snapshot(m, 100_000 + m / 7)));
    expect(cols.last()).toEqual(snapshot(699, 100_000 + 699 / 7));
    expect(cols.firstAtLeast(T + 10 * 60_000 - 1)).toBe(10);
    expect(new AccountColumns().last()).toBeUndefined();
  });

  it('appends_each_later_snapshot_and_refuses_a_second_one_at_the_latest_time_as_an_insert_in_the_middle_would', () => {
    const appended = new AccountColumns();
    const scrambled = new AccountColumns();
    for (let m = 0; m < 300; m++) expect(appended.insertIfNew(...row(m, 100_000 + m))).toBe(true);
    for (let m = 299; m >= 0; m--) scrambled.insertIfNew(...row(m, 100_000 + m));
    expect(appended.insertIfNew(...row(299, 1))).toBe(false);
    expect(appended.insertIfNew(...row(0, 1))).toBe(false);
    expect(appended.length).toBe(300);
    expect(Array.from({ length: 300 }, (_, i) => appended.row(i))).toEqual(Array.from({ length: 300 }, (_, i) => scrambled.row(i)));
  });
});
