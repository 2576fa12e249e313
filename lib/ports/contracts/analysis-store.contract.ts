import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../domain/market.ts';
import type { Candidate } from '../../strategy/scanner/rank.ts';
import type { AnalysisStore, SignalRecord, SymbolStats } from '../analysis-store.port.ts';

export interface OpenedAnalysisStore {
  store: AnalysisStore;
  close(): Promise<void>;
}

const T = Date.parse('2026-11-23T14:31:00Z');
const asset = (symbol: string, over: Partial<Asset> = {}): Asset => ({
  symbol, name: `${symbol} Inc`, exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true,
  fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1, ...over,
});
const stats = (symbol: string, prevClose: number): SymbolStats => ({ symbol, asOf: '2026-11-20', prevClose, avgVolume20d: 1_000_000, avgDollarVolume20d: 5e7, atr14d: null });
const candidate = (symbol: string, rank: number, over: Partial<Candidate> = {}): Candidate => ({
  symbol, rank, score: 1 / rank, direction: 'long', blocked: false,
  features: { catalystScore: 0.7, catalystType: 'earnings', catalystAgeMinutes: 12, headline: `${symbol} beats`, relativeVolume: 3.1, gapPct: 0.04, price: 12.5, avgDollarVolume20d: 5e7, spreadBps: 8 },
  reasons: ['fresh catalyst'], newsItemIds: [7, 9], storyIds: [3], ...over,
});
const signal = (cycleId: number, symbol: string, at: number, score: number, over: Partial<SignalRecord> = {}): SignalRecord => ({
  cycleId, at, symbol, direction: 'long', score, explanation: `${symbol} trend up`, candidateId: null,
  inputs: { plan: { entry: 10, stop: 9.5, target: 11, riskPerUnitUsd: 0.5 }, news: { storyIds: [3], newsItemIds: [7] }, rsi: 61 }, ...over,
});

/** The AnalysisStore contract: every implementation must pass it. */
export function analysisStoreContract(name: string, open: () => Promise<OpenedAnalysisStore>): void {
  describe(`AnalysisStore contract: ${name}`, () => {
    let opened: OpenedAnalysisStore;
    let store: AnalysisStore;
    let cycles = 0;
    const nextCycle = async () => ++cycles;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(() => opened.close());

    it('upserts_the_universe_and_filters_it_by_symbol_and_tradability', async () => {
      expect(await store.upsertAssets([asset('ZZZ'), asset('AAA'), asset('HALT', { tradable: false }), asset('GONE', { status: 'inactive' })], T)).toBe(4);
      expect(await store.upsertAssets([asset('AAA', { name: 'Triple A' })], T)).toBe(1);
      expect(await store.upsertAssets([], T)).toBe(0);
      expect((await store.assets()).map((a) => a.symbol)).toEqual(['AAA', 'GONE', 'HALT', 'ZZZ']);
      expect(await store.assets({ tradableOnly: true, symbols: ['AAA', 'HALT', 'NONE'] })).toEqual([asset('AAA', { name: 'Triple A' })]);
      await expect(store.upsertAssets([asset('DUP'), asset('DUP')], T)).rejects.toThrow();
    });

    it('keeps_one_row_of_daily_statistics_per_symbol', async () => {
      expect(await store.upsertStats([stats('AAA', 10), stats('ZZZ', 20)], T)).toBe(2);
      await store.upsertStats([{ ...stats('AAA', 11), asOf: '2026-11-23', atr14d: 0.4 }], T);
      const read = await store.stats(['AAA', 'ZZZ', 'NONE']);
      expect([...read.keys()].sort()).toEqual(['AAA', 'ZZZ']);
      expect(read.get('AAA')).toEqual({ ...stats('AAA', 11), asOf: '2026-11-23', atr14d: 0.4 });
      expect((await store.stats([])).size).toBe(0);
    });

    it('saves_a_cycles_candidates_by_rank_and_updates_them_in_place_on_a_second_save', async () => {
      const cycleId = await nextCycle();
      const saved = await store.saveCandidates(cycleId, T, [candidate('BBB', 2), candidate('AAA', 1, { direction: 'short', storyIds: [] })]);
      expect(saved.map((c) => [c.symbol, c.rank, c.cycleId, c.at])).toEqual([['AAA', 1, cycleId, T], ['BBB', 2, cycleId, T]]);
      expect(saved[0]).toEqual({ ...candidate('AAA', 1, { direction: 'short', storyIds: [] }), id: saved[0]!.id, cycleId, at: T });
      const again = await store.saveCandidates(cycleId, T + 60_000, [candidate('BBB', 3, { score: 0.9, reasons: ['stronger'] })]);
      expect(again[0]).toMatchObject({ id: saved[1]!.id, rank: 3, score: 0.9, reasons: ['stronger'], at: T });
      expect((await store.candidatesOf(cycleId)).map((c) => [c.symbol, c.rank])).toEqual([['AAA', 1], ['BBB', 3]]);
      expect(await store.candidatesOf(cycleId + 1000)).toEqual([]);
      expect(await store.saveCandidates(cycleId, T, [])).toEqual([]);
      const next = await store.saveCandidates(cycleId, T, [candidate('CCC', 3)]);
      // A conflicting row still uses up an id, as a Postgres sequence does.
      expect(next[0]!.id).toBe(Math.max(...saved.map((c) => c.id)) + 2);
    });

    it('saves_signals_lists_a_cycles_by_score_and_updates_what_a_signal_says_on_a_second_save', async () => {
      const cycleId = await nextCycle();
      const [low, high] = await store.saveSignals([signal(cycleId, 'AAA', T, 0.2), signal(cycleId, 'BBB', T, 0.8, { candidateId: null })]);
      expect(low).toEqual({ ...signal(cycleId, 'AAA', T, 0.2), id: low!.id });
      expect((await store.signalsOf(cycleId)).map((s) => s.symbol)).toEqual(['BBB', 'AAA']);
      const [updated] = await store.saveSignals([signal(cycleId, 'AAA', T + 5_000, 0.9, { direction: 'short', explanation: 'reversal', inputs: { plan: null } })]);
      expect(updated).toEqual({ ...signal(cycleId, 'AAA', T, 0.9, { direction: 'short', explanation: 'reversal', inputs: { plan: null } }), id: low!.id });
      expect((await store.signalsOf(cycleId)).map((s) => [s.symbol, s.score])).toEqual([['AAA', 0.9], ['BBB', 0.8]]);
      expect(high!.id).toBe(low!.id + 1);
      await expect(store.saveSignals([signal(cycleId, 'DUP', T, 0.1), signal(cycleId, 'DUP', T, 0.2)])).rejects.toThrow();
    });

    it('finds_the_newest_signal_per_symbol_since_a_time', async () => {
      const c1 = await nextCycle();
      const c2 = await nextCycle();
      const later = T + 3_600_000;
      await store.saveSignals([signal(c1, 'NEWA', later, 0.1), signal(c1, 'NEWB', later, 0.3)]);
      await store.saveSignals([signal(c2, 'NEWA', later + 60_000, 0.4), signal(c2, 'NEWB', later, 0.5)]);
      const latest = await store.latestSignals(['NEWA', 'NEWB', 'NONE'], later);
      expect([...latest.keys()].sort()).toEqual(['NEWA', 'NEWB']);
      expect(latest.get('NEWA')).toMatchObject({ cycleId: c2, score: 0.4 });
      expect(latest.get('NEWB')).toMatchObject({ cycleId: c2, score: 0.5 });
      expect((await store.latestSignals(['NEWA'], later + 60_001)).size).toBe(0);
    });

    it('refuses_to_read_a_signal_whose_inputs_do_not_fit_the_column', async () => {
      const cycleId = await nextCycle();
      const bad = signal(cycleId, 'BADI', T, 0.1, { inputs: { plan: { entry: 'ten' } } as unknown as SignalRecord['inputs'] });
      await expect(store.saveSignals([bad])).rejects.toMatchObject({ code: 'DATA_INVALID' });
      await expect(store.signalsOf(cycleId)).rejects.toMatchObject({ code: 'DATA_INVALID' });
    });

    it('refuses_a_signal_that_names_a_candidate_never_saved', async () => {
      const cycleId = await nextCycle();
      const [c] = await store.saveCandidates(cycleId, T, [candidate('LINK', 1)]);
      const [linked] = await store.saveSignals([signal(cycleId, 'LINK', T, 0.5, { candidateId: c!.id })]);
      expect(linked!.candidateId).toBe(c!.id);
      await expect(store.saveSignals([signal(cycleId, 'ORPH', T, 0.5, { candidateId: c!.id + 10_000 })])).rejects.toThrow();
    });

    it('returns_copies_that_cannot_change_the_store', async () => {
      const cycleId = await nextCycle();
      const [saved] = await store.saveSignals([signal(cycleId, 'COPY', T, 0.5)]);
      saved!.inputs.rsi = 0;
      const [read] = await store.signalsOf(cycleId);
      (read!.inputs.news!.storyIds as number[]).push(99);
      expect((await store.signalsOf(cycleId))[0]!.inputs).toEqual(signal(cycleId, 'COPY', T, 0.5).inputs);
      const [c] = await store.saveCandidates(cycleId, T, [candidate('COPY', 1)]);
      c!.reasons.push('hacked');
      c!.features.price = 0;
      expect((await store.candidatesOf(cycleId))[0]).toMatchObject({ reasons: ['fresh catalyst'], features: { price: 12.5 } });
      const [a] = await store.assets({ symbols: ['ZZZ'] });
      // A fresh row (Postgres) takes the write and forgets it, a frozen one (memory) refuses it: neither reaches the store.
      Reflect.set(a!, 'name', 'hacked');
      expect((await store.assets({ symbols: ['ZZZ'] }))[0]!.name).toBe('ZZZ Inc');
    });
  });
}
