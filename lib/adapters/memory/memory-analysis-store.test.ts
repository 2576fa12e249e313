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

  it('keeps_the_signals_it_is_told_to_with_their_candidates_after_their_cycle_is_retired', async () => {
    const named = new Set<number>();
    const store = new MemoryAnalysisStore({ keepCycles: 1, keepSignal: (id) => named.has(id) });
    const [a, b] = await store.saveCandidates(1, T, [candidate('ACME'), { ...candidate('BOLT'), rank: 2 }]);
    const [sa] = await store.saveSignals([
      { cycleId: 1, at: T, symbol: 'ACME', direction: 'long', score: 0.9, explanation: 'entered', inputs: { rsi: 55 }, candidateId: a!.id },
      { cycleId: 1, at: T, symbol: 'BOLT', direction: 'long', score: 0.2, explanation: 'passed', inputs: {}, candidateId: b!.id },
    ]);
    named.add(sa!.id);
    await store.saveCandidates(2, T + 60_000, [candidate('CORE')]);
    expect((await store.signalsOf(1)).map((s) => [s.symbol, s.inputs])).toEqual([['ACME', { rsi: 55 }]]);
    expect((await store.candidatesOf(1)).map((c) => c.id)).toEqual([a!.id]);
    // The dropped candidate is gone for good: a signal naming it is refused, as a missing row would be.
    await expect(store.saveSignals([{ cycleId: 2, at: T, symbol: 'BOLT', direction: 'long', score: 0, explanation: 'e', inputs: {}, candidateId: b!.id }])).rejects.toThrow(/candidateId: expected the id of a saved candidate/);
  });

  it('keeps_everything_by_default_and_refuses_a_retention_that_is_not_a_whole_number_of_cycles', async () => {
    const store = new MemoryAnalysisStore();
    for (const cycleId of [1, 2, 3]) await store.saveCandidates(cycleId, T, [candidate('ACME')]);
    expect(await store.candidatesOf(1)).toHaveLength(1);
    expect(() => new MemoryAnalysisStore({ keepCycles: 0 })).toThrow(/keepCycles: expected a whole number of cycles >= 1, got 0/);
  });
});

describe('MemoryAnalysisStore asset list', () => {
  const asset = (symbol: string, tradable = true) => ({
    symbol, name: symbol, exchange: 'NASDAQ', assetClass: 'us_equity' as const, status: 'active' as const, tradable, shortable: true,
    easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1,
  });

  it('answers_a_list_read_again_with_the_same_frozen_rows_until_the_assets_change', async () => {
    const store = new MemoryAnalysisStore();
    await store.upsertAssets([asset('ZZZ'), asset('AAA'), asset('HALT', false)], T);
    const first = await store.assets({ tradableOnly: true });
    first.reverse().push(asset('EXTRA'));
    const again = await store.assets({ tradableOnly: true });
    expect(again.map((a) => a.symbol)).toEqual(['AAA', 'ZZZ']);
    expect(again[0]).toBe(first[1]);
    expect(Object.isFrozen(again[0])).toBe(true);
    await store.upsertAssets([asset('AAA'), asset('ZZZ')], T);
    expect((await store.assets({ tradableOnly: true }))[0]).toBe(again[0]);
    await store.upsertAssets([asset('HALT'), asset('BBB')], T);
    expect((await store.assets({ tradableOnly: true })).map((a) => a.symbol)).toEqual(['AAA', 'BBB', 'HALT', 'ZZZ']);
    expect((await store.assets({ symbols: ['ZZZ', 'NONE', 'AAA', 'ZZZ'] })).map((a) => a.symbol)).toEqual(['AAA', 'ZZZ']);
  });
});
