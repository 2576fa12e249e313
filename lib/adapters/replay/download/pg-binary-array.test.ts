import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { float8Array, int8Array, textArray, timestamptzArray } from './pg-binary-array.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ migrate: false });
});
afterAll(async () => {
  await db.drop();
});

describe('binary arrays as Postgres reads them', () => {
  it('float8_values_arrive_bit_for_bit_with_nulls_where_undefined', async () => {
    const values = [0.1 + 0.2, -1e-300, 123456789.123456789, Number.MAX_VALUE, undefined, 0, null, -0.5];
    // Postgres prints float8 in its shortest exact form, which parses back to the same double.
    const { rows } = await db.pool.query<{ v: number | null }>('SELECT unnest($1::float8[]) AS v', [float8Array(values)]);
    expect(rows.map((r) => r.v)).toEqual(values.map((v) => v ?? null));
  });

  it('int8_values_arrive_whole_including_negative_and_beyond_32_bits', async () => {
    const values = [0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, undefined];
    const { rows } = await db.pool.query<{ v: (string | null)[] }>('SELECT array(SELECT x::text FROM unnest($1::int8[]) AS x) AS v', [int8Array(values)]);
    expect(rows[0]!.v).toEqual(values.map((v) => (v === undefined ? null : String(v))));
  });

  it('timestamps_arrive_as_the_same_instant_to_the_microsecond_before_and_after_2000', async () => {
    const values = [Date.UTC(2026, 0, 5, 14, 30), Date.UTC(1999, 11, 31, 23, 59, 59, 999), 0, Date.UTC(2016, 1, 29) + 0.001];
    const { rows } = await db.pool.query<{ us: string[] }>(
      'SELECT array(SELECT (extract(epoch FROM x) * 1000000)::bigint::text FROM unnest($1::timestamptz[]) AS x) AS us',
      [timestamptzArray(values)],
    );
    expect(rows[0]!.us).toEqual(values.map((ms) => String(Math.round(ms * 1000))));
  });

  it('text_arrives_unchanged_with_quotes_backslashes_commas_and_non_ascii', async () => {
    const values = ['AAPL', 'BRK.A', 'BTC/USD', 'a"b', 'c\\d', '{e,f}', 'NULL', '', 'Ünïcødé €', 'AAPL'];
    const { rows } = await db.pool.query<{ v: string[] }>('SELECT $1::text[] AS v', [textArray(values)]);
    expect(rows[0]!.v).toEqual(values);
  });

  it('an_empty_array_is_an_empty_array', async () => {
    const { rows } = await db.pool.query<{ n: number }>('SELECT cardinality($1::float8[]) AS n', [float8Array([])]);
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses_values_the_column_cannot_hold_naming_the_element', () => {
    expect(() => float8Array([1, Number.NaN])).toThrow('float8 array: element 1 must be a finite number, got NaN');
    expect(() => float8Array([Infinity])).toThrow('element 0 must be a finite number');
    expect(() => int8Array([1.5])).toThrow('int8 array: element 0 must be a safe integer, got 1.5');
    expect(() => int8Array([2 ** 60])).toThrow('must be a safe integer');
    expect(() => timestamptzArray([Number.NaN])).toThrow('timestamptz array: element 0 must be finite Unix milliseconds');
  });
});
