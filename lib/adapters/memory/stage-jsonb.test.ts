import { describe, expect, it } from 'vitest';
import type { StageRecord } from '../../ports/cycle-store.port.ts';
import { asJsonb } from './memory-json.ts';
import { StageJsonb } from './stage-jsonb.ts';

const record = (over: Partial<StageRecord> & Record<string, unknown> = {}): StageRecord => ({
  name: 'reconcile', startedAt: 1_795_000_000_000, ms: 3, ok: true, why: 'every tick', counts: { ordersUpserted: 2, fillsNew: 0, tripsClosed: 1, a: -0 }, ...over,
});
// Text keeps the key order: the fast copy must store exactly what asJsonb stores.
const asText = (v: unknown) => JSON.stringify(v);

describe('StageJsonb', () => {
  it('stores_a_usual_stage_record_exactly_as_asJsonb_does_in_jsonb_key_order', () => {
    const copier = new StageJsonb();
    const samples = [
      record(),
      record({ counts: { fillsNew: 5, ordersUpserted: 2, tripsClosed: 1, a: 0 } }),
      record({ ok: false, counts: {}, error: { code: 'INTERNAL', message: 'boom é' } }),
      record({ name: 'news', counts: { '10': 1, b: 2, ü: 3 } }),
      record({ error: undefined }),
    ];
    for (const s of samples) {
      const stored = copier.copy(s);
      expect(asText(stored)).toBe(asText(asJsonb(s)));
      expect(stored).not.toBe(s);
      expect(stored.counts).not.toBe(s.counts);
    }
    expect(Object.keys(copier.copy(record()))).toEqual(['ms', 'ok', 'why', 'name', 'counts', 'startedAt']);
  });

  it('hands_an_unusual_record_to_asJsonb_with_its_rules_and_refusals', () => {
    const copier = new StageJsonb();
    const unusual = [record({ ms: Number.NaN }), record({ counts: { x: Number.POSITIVE_INFINITY } }), record({ extra: { nested: [1, undefined] } }), record({ error: { code: 'X', message: 'm', detail: 1 } as never })];
    for (const s of unusual) expect(asText(copier.copy(s))).toBe(asText(asJsonb(s)));
    expect(() => copier.copy(record({ why: 'nul \u0000' }))).toThrow(/\\u0000 cannot be converted to text/);
    expect(() => copier.copy(record({ counts: { ['k\u0000']: 1 } }))).toThrow(/\\u0000 cannot be converted to text/);
  });

  it('stores_a_cycles_counts_exactly_as_asJsonb_does_and_hands_anything_else_to_it', () => {
    const copier = new StageJsonb();
    // Known keys then a non-finite count under them, keys reordered, an inherited key, a prototype-less object.
    const inherits = Object.assign(Object.create({ stages: 9, extra: 1 }) as Record<string, number>, { errors: 0 });
    const bare = Object.assign(Object.create(null) as Record<string, number>, { stages: 1, errors: 0 });
    const samples: Record<string, number>[] = [{ stages: 3, errors: 0 }, { stages: 2, errors: 1 }, { stages: Number.NaN, errors: 1 }, { errors: -0, stages: 1 }, {}, { ü: 1, b: 2, '10': 3 }, { x: Number.NaN }, { y: Number.NEGATIVE_INFINITY }, { stages: 1, errors: 0 }, inherits, bare];
    for (const c of samples) {
      const stored = copier.counts(c);
      expect(asText(stored)).toBe(asText(asJsonb(c)));
      expect(Object.is(stored.errors, -0)).toBe(false);
      expect(stored).not.toBe(c);
    }
    expect(Object.keys(copier.counts({ stages: 3, errors: 0 }))).toEqual(['errors', 'stages']);
    expect(() => copier.counts({ ['k\u0000']: 1 })).toThrow(/\\u0000 cannot be converted to text/);
  });

  it('lets_asJsonb_print_what_prints_itself', () => {
    const copier = new StageJsonb();
    const date = new Date(1_795_000_000_000) as unknown as Record<string, number>;
    expect(copier.counts(date)).toBe(asJsonb(date));
    expect(asText(copier.copy(record({ counts: date })))).toBe(asText(asJsonb(record({ counts: date }))));
    const printed = { ...record(), toJSON: () => ({ printed: true }) } as unknown as StageRecord;
    expect(copier.copy(printed)).toEqual({ printed: true });
  });
});
