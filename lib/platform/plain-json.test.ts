import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NOT_PLAIN, PAYLOAD_LIMIT_BYTES, plainJsonCopy, plainJsonProof } from './plain-json.ts';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** What JSON changes in plain data: -0 (printed 0) and a `__proto__` key (kept as an own field only by JSON.parse). */
function jsonChanges(v: unknown): boolean {
  if (Object.is(v, -0)) return true;
  if (v === null || typeof v !== 'object') return false;
  return Object.keys(v).some((k) => k === '__proto__' || jsonChanges((v as Record<string, unknown>)[k]));
}

describe('plainJsonCopy', () => {
  it('copies_plain_json_data_exactly_as_a_json_round_trip_and_bounds_its_size', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const out = plainJsonCopy(v, PAYLOAD_LIMIT_BYTES);
        // fast-check's JSON values include -0, which JSON prints as 0: such a value goes the slow way.
        if (out === NOT_PLAIN) return jsonChanges(v);
        expect(jsonChanges(v)).toBe(false);
        expect(out.copy).toStrictEqual(roundTrip(v));
        expect(out.boundBytes).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(v)));
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('bounds_strings_that_json_escapes_or_encodes_in_several_bytes', () => {
    const v = { 'k"\\': ['\u0001\u001f', '"quoted"\\', 'é漢字😀', '\udc00 lone'] };
    const out = plainJsonCopy(v, PAYLOAD_LIMIT_BYTES);
    if (out === NOT_PLAIN) throw new Error('expected plain JSON');
    expect(out.copy).toStrictEqual(roundTrip(v));
    expect(out.boundBytes).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(v)));
  });

  it('gives_a_copy_the_caller_cannot_reach_through', () => {
    const v = { rows: [{ n: 1 }] };
    const out = plainJsonCopy(v, PAYLOAD_LIMIT_BYTES);
    if (out === NOT_PLAIN) throw new Error('expected plain JSON');
    v.rows[0]!.n = 2;
    expect(out.copy.rows[0]!.n).toBe(1);
  });

  it.each([
    ['an undefined field (JSON drops it)', { a: undefined }],
    ['an undefined array slot (JSON makes it null)', [1, undefined]],
    ['a Date (JSON prints its toJSON)', { at: new Date(0) }],
    ['NaN (JSON prints null)', { x: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['-0 (JSON prints 0)', { x: -0 }],
    ['a toJSON field', { toJSON: () => 1 }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"x": 1}}') as unknown],
    ['a class instance', { m: new Map([[1, 2]]) }],
    ['a function', { f: () => 1 }],
    ['a bigint', { n: 1n }],
    ['undefined itself', undefined],
  ])('refuses_%s_so_the_caller_takes_the_json_text', (_what, v) => {
    expect(plainJsonCopy(v, PAYLOAD_LIMIT_BYTES)).toBe(NOT_PLAIN);
    expect(plainJsonProof(v, PAYLOAD_LIMIT_BYTES)).toBe(NOT_PLAIN);
  });

  it('proves_without_copying_exactly_what_it_copies_with_the_same_bound', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const copied = plainJsonCopy(v, PAYLOAD_LIMIT_BYTES);
        expect(plainJsonProof(v, PAYLOAD_LIMIT_BYTES)).toBe(copied === NOT_PLAIN ? NOT_PLAIN : copied.boundBytes);
      }),
      { numRuns: 500 },
    );
    expect(plainJsonProof({ text: 'x'.repeat(1000) }, 1000)).toBe(NOT_PLAIN);
  });

  it('refuses_a_cycle_without_overflowing_the_stack', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(plainJsonCopy(a, PAYLOAD_LIMIT_BYTES)).toBe(NOT_PLAIN);
  });

  it('refuses_a_value_whose_bound_passes_the_limit', () => {
    expect(plainJsonCopy({ text: 'x'.repeat(1000) }, 1000)).toBe(NOT_PLAIN);
    expect(plainJsonCopy({ text: 'x'.repeat(100) }, 1000)).not.toBe(NOT_PLAIN);
  });

  it('refuses_objects_while_object_prototype_carries_an_enumerable_key_json_would_not_print', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(plainJsonCopy({ a: 1 }, PAYLOAD_LIMIT_BYTES)).toBe(NOT_PLAIN);
    } finally {
      delete proto.polluted;
    }
    expect(plainJsonCopy({ a: 1 }, PAYLOAD_LIMIT_BYTES)).toEqual({ copy: { a: 1 }, boundBytes: expect.any(Number) });
  });
});
