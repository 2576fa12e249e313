import { describe, expect, it } from 'vitest';
import { MemoryAnalysisStore } from './memory-analysis-store.ts';
import type { Candidate } from '../../strategy/scanner/rank.ts';

const T = Date.parse('2026-11-23T14:31:00Z');
const candidate = (symbol: string): Candidate => ({
  symbol, rank: 1, score: 0.5, direction: 'long', blocked: false, reasons: ['fresh catalyst'], newsItemIds: [], storyIds: [],
  features: { catalystScore: 0.7, catalystType: null, catalystAgeMinutes: 3, headline: 'h', relativeVolume: null, gapPct: null, price: 10, avgDollarVolume20d: null, spreadBps: null },
});

describe('MemoryAnalysisStore retention', () => {
  it('keeps_only_the_latest_cycles_rows_and_the_newest_signal_per_symbol_when_told_to', async () => {
    const store = new MemoryAnalysisStore({ keepCycles: 2 });
    for (const cycleId of [1, 2, 3]) {
      const [c] = await store.saveCandidates(cycleId, T + cycleId, [candidate('ACME')]);
      await store.saveSignals([{ cycleId, at: T + cycleId, symbol: 'ACME', direction: 'long', score: cycleId, explanation: 'e', inputs: {}, candidateId: c!.id }]);
    }
    expect(await store.candidatesOf(1)).toEqual([]);
    expect(await store.signalsOf(1)).toEqual([]);
    expect((await store.candidatesOf(2)).map((c) => c.cycleId)).toEqual([2]);
    expect((await store.signalsOf(3)).map((s) => s.score)).toEqual([3]);
    expect((await store.latestSignals(['ACME'], T)).get('ACME')!.cycleId).toBe(3);
  });

  it('keeps_everything_by_default_and_refuses_a_retention_that_is_not_a_whole_number_of_cycles', async () => {
    const store = new MemoryAnalysisStore();
    for (const cycleId of [1, 2, 3]) await store.saveCandidates(cycleId, T, [candidate('ACME')]);
    expect(await store.candidatesOf(1)).toHaveLength(1);
    expect(() => new MemoryAnalysisStore({ keepCycles: 0 })).toThrow(/keepCycles: expected a whole number of cycles >= 1, got 0/);
  });
});
