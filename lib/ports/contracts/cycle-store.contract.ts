import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleStore, StageRecord } from '../cycle-store.port.ts';
import type { FenceTokens } from '../lock.port.ts';

/** A cycle store under test, with the fence-token source that shares its fence (as `fences` is shared in Postgres). */
export interface OpenedCycleStore {
  store: CycleStore;
  tokens: FenceTokens;
  close(): Promise<void>;
}

const T = Date.parse('2026-11-23T14:31:00Z');
const DAY = '2026-11-23';
const stage = (name: string, over: Partial<StageRecord> = {}): StageRecord => ({ name, startedAt: T, ms: 1, ok: true, why: '', counts: {}, ...over });

/** The CycleStore contract, fencing included: every implementation must pass these scenarios. */
export function cycleStoreContract(name: string, open: () => Promise<OpenedCycleStore>): void {
  describe(`CycleStore contract: ${name}`, () => {
    let opened: OpenedCycleStore;
    let store: CycleStore;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(() => opened.close());

    it('starts_empty', async () => {
      expect(await store.recent(5)).toEqual([]);
      expect(await store.lastSuccessfulAt()).toBeNull();
      expect(await store.stageRuns()).toEqual({});
      expect(await store.exists(1)).toBe(false);
    });

    it('records_a_cycle_with_its_stages_and_stage_runs', async () => {
      const cycle = await store.start(10, T, 'sim', 'regular');
      expect(cycle).toEqual({ id: cycle.id, startedAt: T, finishedAt: null, fenceToken: 10, mode: 'sim', marketPhase: 'regular', status: 'running', stages: [], counts: {}, errors: [] });
      await store.recordStage(cycle.id, 10, stage('reconcile', { ms: 12, why: 'every tick', counts: { orders: 3 } }), DAY);
      await store.recordStage(cycle.id, 10, stage('news', { startedAt: T + 20, ms: 40, ok: false, why: 'every 2 min', error: { code: 'DEPENDENCY_TIMEOUT', message: 'alpaca slow' } }), DAY);
      await store.finish(cycle.id, 10, T + 100, 'partial', { orders: 3 });
      const [stored] = await store.recent(1);
      expect(stored).toMatchObject({ id: cycle.id, status: 'partial', fenceToken: 10, finishedAt: T + 100, counts: { orders: 3 } });
      expect(stored!.stages).toEqual([
        stage('reconcile', { ms: 12, why: 'every tick', counts: { orders: 3 } }),
        stage('news', { startedAt: T + 20, ms: 40, ok: false, why: 'every 2 min', error: { code: 'DEPENDENCY_TIMEOUT', message: 'alpaca slow' } }),
      ]);
      expect(stored!.errors).toEqual([{ stage: 'news', code: 'DEPENDENCY_TIMEOUT', message: 'alpaca slow' }]);
      const runs = await store.stageRuns();
      expect(runs).toEqual({ reconcile: { lastRunAt: T, lastDay: DAY }, news: { lastRunAt: T + 20, lastDay: DAY } });
      expect(await store.lastSuccessfulAt()).toBe(T + 100);
      expect(await store.exists(cycle.id)).toBe(true);
      expect(await store.exists(cycle.id + 1)).toBe(false);
    });

    it('refuses_writes_from_a_tick_whose_lock_was_taken_over', async () => {
      const old = await store.start(20, T + 60_000, 'sim', 'regular');
      const newer = await store.start(21, T + 90_000, 'sim', 'regular');
      await expect(store.recordStage(old.id, 20, stage('execute'), DAY)).rejects.toMatchObject({ code: 'LOCK_LOST' });
      await expect(store.finish(old.id, 20, T + 95_000, 'ok', {})).rejects.toMatchObject({ code: 'LOCK_LOST' });
      await expect(store.start(19, T + 99_000, 'sim', 'regular')).rejects.toMatchObject({ code: 'LOCK_LOST' });
      expect((await store.stageRuns()).execute).toBeUndefined();
      await store.recordStage(newer.id, 21, stage('scan'), DAY);
      await store.finish(newer.id, 21, T + 120_000, 'ok', {});
      const [latest, previous] = await store.recent(2);
      expect([latest!.id, latest!.status, previous!.id, previous!.status]).toEqual([newer.id, 'ok', old.id, 'running']);
    });

    it('issues_tokens_above_every_token_written', async () => {
      await store.start(40, T + 200_000, 'sim', 'regular');
      const next = await opened.tokens.next('tick');
      expect(next).toBeGreaterThan(40);
      expect(await opened.tokens.next('tick')).toBe(next + 1);
      const cycle = await store.start(next, T + 210_000, 'sim', 'regular');
      await expect(store.start(40, T + 220_000, 'sim', 'regular')).rejects.toMatchObject({ code: 'LOCK_LOST' });
      await store.finish(cycle.id, next, T + 230_000, 'failed', {});
    });

    it('lists_the_latest_cycles_newest_first_and_ignores_failed_ones_for_the_last_success', async () => {
      const recent = await store.recent(3);
      expect(recent.map((c) => c.id)).toEqual([...recent.map((c) => c.id)].sort((a, b) => b - a));
      expect(recent).toHaveLength(3);
      expect(await store.recent(0)).toEqual([]);
      expect(await store.lastSuccessfulAt()).toBe(T + 120_000);
    });

    it('keeps_a_stages_last_day_and_run_time_per_stage', async () => {
      const [latest] = await store.recent(1);
      const token = latest!.fenceToken;
      await store.recordStage(latest!.id, token, stage('daily_report', { startedAt: T + 300_000 }), '2026-11-24');
      await store.recordStage(latest!.id, token, stage('daily_report', { startedAt: T + 400_000, ok: false }), '2026-11-25');
      expect((await store.stageRuns()).daily_report).toEqual({ lastRunAt: T + 400_000, lastDay: '2026-11-25' });
    });

    it('moves_the_last_success_back_when_the_cycle_that_held_it_is_finished_again_as_failed', async () => {
      const before = await store.lastSuccessfulAt();
      const [latest] = await store.recent(1);
      const token = latest!.fenceToken;
      const cycle = await store.start(token, T + 500_000, 'sim', 'regular');
      await store.finish(cycle.id, token, T + 510_000, 'ok', {});
      expect(await store.lastSuccessfulAt()).toBe(T + 510_000);
      await store.finish(cycle.id, token, T + 520_000, 'failed', {});
      expect(await store.lastSuccessfulAt()).toBe(before);
    });

    it('returns_copies_that_cannot_change_the_store', async () => {
      const [read] = await store.recent(1);
      read!.stages.push(stage('hack'));
      read!.counts.hack = 1;
      const [again] = await store.recent(1);
      expect(again!.stages.map((s) => s.name)).not.toContain('hack');
      expect(again!.counts.hack).toBeUndefined();
    });
  });
}
