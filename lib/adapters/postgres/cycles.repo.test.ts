import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgCycleStore } from './cycles.repo.ts';

const T = Date.parse('2026-11-23T14:31:00Z');

describe('PgCycleStore (real PostgreSQL)', () => {
  let db: TestDb;
  let store: PgCycleStore;
  beforeAll(async () => {
    db = await createTestDb();
    store = new PgCycleStore(db.pool);
  });
  afterAll(() => db.drop());

  it('records_a_cycle_with_its_stages_and_stage_runs', async () => {
    const cycle = await store.start(10, T, 'sim', 'regular');
    await store.recordStage(cycle.id, 10, { name: 'reconcile', startedAt: T, ms: 12, ok: true, why: 'every tick', counts: { orders: 3 } }, '2026-11-23');
    await store.recordStage(cycle.id, 10, { name: 'news', startedAt: T + 20, ms: 40, ok: false, why: 'every 2 min', counts: {}, error: { code: 'DEPENDENCY_TIMEOUT', message: 'alpaca slow' } }, '2026-11-23');
    await store.finish(cycle.id, 10, T + 100, 'partial', { orders: 3 });
    const [stored] = await store.recent(1);
    expect(stored).toMatchObject({ id: cycle.id, status: 'partial', fenceToken: 10, finishedAt: T + 100, counts: { orders: 3 } });
    expect(stored!.stages.map((s) => s.name)).toEqual(['reconcile', 'news']);
    expect(stored!.errors).toEqual([{ stage: 'news', code: 'DEPENDENCY_TIMEOUT', message: 'alpaca slow' }]);
    const runs = await store.stageRuns();
    expect(runs.reconcile).toEqual({ lastRunAt: T, lastDay: '2026-11-23' });
    expect(await store.lastSuccessfulAt()).toBe(T + 100);
  });

  it('refuses_writes_from_a_tick_whose_lock_was_taken_over', async () => {
    const old = await store.start(20, T + 60_000, 'sim', 'regular');
    const newer = await store.start(21, T + 90_000, 'sim', 'regular');
    await expect(store.recordStage(old.id, 20, { name: 'execute', startedAt: T, ms: 1, ok: true, why: '', counts: {} }, '2026-11-23')).rejects.toMatchObject({ code: 'LOCK_LOST' });
    await expect(store.finish(old.id, 20, T + 95_000, 'ok', {})).rejects.toMatchObject({ code: 'LOCK_LOST' });
    await expect(store.start(19, T + 99_000, 'sim', 'regular')).rejects.toMatchObject({ code: 'LOCK_LOST' });
    await store.finish(newer.id, 21, T + 120_000, 'ok', {});
  });
});
