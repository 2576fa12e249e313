import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { asJsonb, cloneJson, fromJsonb, toJsonb } from './memory-json.ts';

// Keys in insertion orders jsonb reorders: lengths, bytes, non-ASCII (two bytes in UTF-8), nested and in arrays.
const SAMPLES: unknown[] = [
  { bb: 1, a: 2, ab: 3, é: 4, z: { yy: [{ c: 1, aa: 2, b: 3 }], x: null }, '': 'empty key' },
  { stop: 9.5, entry: 10, riskPerUnitUsd: 0.5, target: 12, side: 'long' },
  [{ ü: 1, u: 2, uu: 3 }, 'text', 3, true, null],
  { plan: { entry: 10, stop: Number.NaN }, news: { storyIds: [1, 2] }, at: new Date(0), skipped: undefined, fn: () => 1 },
  // More keys than the small-object sort takes, in reverse order.
  Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${'k'.repeat(20 - i)}${String.fromCharCode(122 - i)}`, i])),
];

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ migrate: false });
});
afterAll(async () => db?.drop());

describe('asJsonb', () => {
  it('gives_the_value_and_key_order_a_postgres_jsonb_column_gives_back', async () => {
    for (const v of SAMPLES) {
      const { rows } = await db.pool.query<{ j: string }>('SELECT $1::jsonb::text AS j', [JSON.stringify(v)]);
      const stored = JSON.parse(rows[0]!.j) as unknown;
      expect(asJsonb(v)).toStrictEqual(stored);
      expect(toJsonb(v)).toBe(JSON.stringify(stored));
    }
  });

  it('gives_what_a_json_round_trip_gives_for_undefined_functions_dates_and_non_finite_numbers', () => {
    const v = { d: [1, undefined, () => 2, NaN], e: new Date(0), f: { g: Infinity, h: -0 }, n: new Number(3), s: new String('s'), t: [{ toJSON: () => ({ nested: [undefined] }) }] };
    expect(asJsonb(v)).toStrictEqual(JSON.parse(JSON.stringify(v)));
  });

  it('refuses_what_a_jsonb_column_refuses', async () => {
    await expect(db.pool.query('SELECT $1::jsonb', [JSON.stringify({ a: 'x\u0000y' })])).rejects.toThrow(/unsupported Unicode escape sequence/);
    expect(() => asJsonb({ a: 'x\u0000y' })).toThrow(/unsupported Unicode escape sequence/);
    expect(() => asJsonb({ ['k\u0000']: 1 })).toThrow(/unsupported Unicode escape sequence/);
    expect(() => asJsonb(undefined)).toThrow(TypeError);
    expect(() => asJsonb({ big: 1n })).toThrow(TypeError);
  });

  it('copies_so_changing_the_caller_object_leaves_the_stored_value', () => {
    const caller = { list: [{ n: 1 }] };
    const stored = asJsonb(caller);
    caller.list[0]!.n = 2;
    expect(stored).toEqual({ list: [{ n: 1 }] });
    expect(fromJsonb(toJsonb(caller))).toEqual({ list: [{ n: 2 }] });
  });
});

describe('cloneJson', () => {
  it('copies_deeply_so_changing_the_copy_leaves_the_original', () => {
    const original = asJsonb({ list: [{ n: 1 }], text: 'x' });
    const copy = cloneJson(original);
    copy.list[0]!.n = 2;
    copy.list.push({ n: 3 });
    expect(original).toEqual({ list: [{ n: 1 }], text: 'x' });
    expect(Object.keys(copy)).toEqual(['list', 'text']);
  });
});
