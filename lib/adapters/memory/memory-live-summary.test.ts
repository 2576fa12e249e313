import { describe, expect, it } from 'vitest';
import { MemoryLiveSummary, tickSummaryCopy } from './memory-live-summary.ts';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
// Text keeps the key order: the fast copy must give exactly JSON's round trip.
const asText = (v: unknown) => JSON.stringify(v);

const summary = (over: Record<string, unknown> = {}, stage: Record<string, unknown> = {}): Record<string, unknown> => ({
  cycleId: 7, at: 1_795_000_000_000, phase: 'regular', status: 'ok', deadMan: false,
  stages: [{ name: 'reconcile', ok: true, ms: 0, error: null, ...stage }, { name: 'news', ok: false, ms: 3, error: 'INTERNAL' }],
  equity: 100_000.5, openPositions: 0, ...over,
});

describe('MemoryLiveSummary', () => {
  it('copies_the_ticks_summary_directly_exactly_as_json_round_trips_it', () => {
    const samples = [summary(), summary({ equity: null, openPositions: null, stages: [] }), summary({ at: -0, equity: Number.NaN, openPositions: Number.POSITIVE_INFINITY }, { ms: -0 }), summary({ phase: 'lone \ud800 surrogate \u0000 nul' })];
    for (const s of samples) {
      const copy = tickSummaryCopy(s);
      expect(copy).not.toBeNull();
      expect(asText(copy)).toBe(asText(roundTrip(s)));
      expect(copy).toStrictEqual(roundTrip(s));
      expect(copy).not.toBe(s);
      expect(copy!.stages).not.toBe(s.stages);
    }
  });

  it('leaves_any_other_value_to_the_general_copy', () => {
    const { cycleId, ...rest } = summary();
    const others = [
      summary({ extra: 1 }),
      { ...rest, cycleId },
      summary({ equity: undefined }),
      summary({ equity: { nested: 1 } }),
      summary({ at: new Date(0) }),
      summary({}, { error: undefined }),
      summary({}, { extra: 1 }),
      summary({ stages: [1] }),
      summary({ stages: { length: 0 } }),
      Object.assign(Object.create({ inherited: 1 }) as Record<string, unknown>, summary()),
      { ...summary(), toJSON: () => 'printed' },
    ];
    for (const o of others) expect(tickSummaryCopy(o)).toBeNull();
  });

  it('hands_back_what_json_would_for_a_summary_of_any_shape', async () => {
    let now = 0;
    const store = new MemoryLiveSummary({ now: () => now });
    for (const s of [summary(), summary({ at: new Date(5), stages: [undefined, { ms: -0 }], extra: { n: Number.NaN } })]) {
      await store.write(s, 60);
      expect(asText(await store.read())).toBe(asText(roundTrip(s)));
    }
    now = 60_000;
    expect(await store.read()).toBeNull();
  });
});
