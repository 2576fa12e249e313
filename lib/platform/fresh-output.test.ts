import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { buildsFreshOutput } from './fresh-output.ts';
import { CollectContract, DetectContract, ExecuteContract, ReconcileContract, ScanContract, SignalsContract, WORKER_CONTRACTS } from '../app/coordinator/contracts.ts';

/** Every object and array reachable from `v`. */
function containers(v: unknown, out = new Set<object>()): Set<object> {
  if (v !== null && typeof v === 'object') {
    out.add(v);
    for (const x of Object.values(v)) containers(x, out);
  }
  return out;
}

const detection = { name: 'bull-flag', kind: 'setup', direction: 'long', t: 1_700_000_000_000, levels: { flagLow: 9.5 } };
// One answer per worker that keeps its contract, with every nested object and array its schema allows.
const ANSWERS: [z.ZodMiniType, unknown][] = [
  [CollectContract.answer, { inserted: 1, duplicates: 0, newStories: 1, skipped: 0, sources: [{ source: 'replay', fetched: 2, skipped: 0, durationMs: 3, error: { code: 'X', message: 'y', extra: 1 } }] }],
  [ScanContract.answer, { universe: 3, withNews: 1, dataCalls: 2, excluded: 0, candidates: [{ id: 1, symbol: 'ACME', rank: 1, score: 0.5, direction: 'long', blocked: false }] }],
  [ScanContract.answer, { assets: 1, universe: 2, stats: 3 }],
  [DetectContract.answer, { detections: { ACME: [detection] } }],
  [SignalsContract.answer, { signals: [{ id: 1, symbol: 'ACME', direction: 'long', score: 0.7 }] }],
  [ExecuteContract.answer, { intents: 1, sent: 1, denied: 1, byStatus: { new: 1 }, denials: [{ symbol: 'ACME', reason: 'r', message: 'm' }], deferred: 0 }],
  [ReconcileContract.answer, { ordersUpserted: 0, fillsNew: 0, tripsOpened: 0, tripsClosed: 0, corrections: 0, intentsResolved: 0, intentsFailed: 0, openPositions: 0, equity: 100_000 }],
];

describe('buildsFreshOutput', () => {
  it('holds_for_every_workers_answer', () => {
    expect(WORKER_CONTRACTS.filter((c) => !buildsFreshOutput(c.answer)).map((c) => c.fn)).toEqual([]);
  });

  it.each(ANSWERS.map(([schema, value], i) => [i, schema, value] as const))('answer_%i_parses_to_objects_and_arrays_none_of_which_the_input_holds', (_i, schema, value) => {
    const parsed = schema.safeParse(value);
    expect(parsed.success).toBe(true);
    const held = containers(value);
    expect([...containers(parsed.data)].filter((c) => held.has(c))).toEqual([]);
  });

  it.each([
    ['custom', z.custom<{ a: number }>()],
    ['unknown', z.object({ a: z.unknown() })],
    ['any in an array', z.array(z.any())],
    ['a loose object (unknown keys pass through)', z.looseObject({ a: z.string() })],
    ['a loose record', z.looseRecord(z.string().check(z.regex(/^a/)), z.string())],
    ['a transform', z.pipe(z.object({ a: z.string() }), z.transform((v) => v))],
    ['a default (the same default object each time)', z._default(z.object({ a: z.string() }), { a: 'x' })],
    ['an overwrite', z.string().check(z.overwrite((s) => s.trim()))],
    ['a refinement of an object (it sees the output)', z.object({ a: z.string() }).check(z.refine(() => true))],
    ['a date', z.object({ at: z.date() })],
  ])('does_not_hold_for_%s', (_what, schema) => {
    expect(buildsFreshOutput(schema as z.ZodMiniType)).toBe(false);
  });
});
