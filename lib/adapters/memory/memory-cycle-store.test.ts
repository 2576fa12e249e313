import { describe, expect, it } from 'vitest';
import { MemoryCycleStore } from './memory-cycle-store.ts';
import { MemoryFences } from './memory-fences.ts';
import type { CycleRecord } from '../../ports/cycle-store.port.ts';

const T = Date.parse('2026-11-23T14:31:00Z');
const MIN = 60_000;

/** Six ticks' cycles (the third fails), then the last success finished again as failed: what a tick reads, from `store`. */
async function play(store: MemoryCycleStore, fences: MemoryFences) {
  const statuses: CycleRecord['status'][] = ['ok', 'partial', 'failed', 'ok', 'ok', 'failed'];
  for (const [n, status] of statuses.entries()) {
    const token = await fences.next('tick');
    const c = await store.start(token, T + n * MIN, 'backtest', 'open');
    await store.recordStage(c.id, token, { name: n % 2 ? 'scan' : 'collect-news', startedAt: T + n * MIN, ms: 3, ok: true, why: 'due', counts: { items: n } }, '2026-11-23');
    await store.finish(c.id, token, T + n * MIN + 30_000, status, { stages: 1 });
  }
  const reads = async () => ({
    lastOk: await store.lastSuccessfulAt(),
    runs: await store.stageRuns(),
    exists: await Promise.all([0, 1, 5, 6, 7].map((id) => store.exists(id))),
    newest: (await store.recent(1)).map((c) => [c.id, c.status, c.stages.length]),
  });
  const before = await reads();
  // Finishing the cycle that held the last success again (as failed) moves the last success back to cycle 4's.
  await store.finish(5, await fences.next('tick'), T + 10 * MIN, 'failed', {});
  return { before, after: await reads() };
}

describe('MemoryCycleStore retention', () => {
  it('answers_what_a_tick_reads_the_same_when_it_keeps_only_the_newest_cycles', async () => {
    const fences = [new MemoryFences(), new MemoryFences()];
    const all = await play(new MemoryCycleStore(fences[0]!), fences[0]!);
    const kept = await play(new MemoryCycleStore(fences[1]!, { keepCycles: 2 }), fences[1]!);
    expect(kept).toEqual(all);
    expect(all.after.lastOk).toBe(T + 3 * MIN + 30_000);
  });

  it('lists_only_the_kept_cycles_and_refuses_a_retention_that_is_not_a_whole_number_of_cycles', async () => {
    const fences = new MemoryFences();
    const store = new MemoryCycleStore(fences, { keepCycles: 2 });
    await play(store, fences);
    expect((await store.recent(10)).map((c) => c.id)).toEqual([6, 5]);
    expect(() => new MemoryCycleStore(fences, { keepCycles: 0 })).toThrow(/keepCycles: expected a whole number of cycles >= 1, got 0/);
  });
});

describe('MemoryCycleStore start', () => {
  it('answers_the_opened_cycle_as_a_read_gives_it_and_a_copy_the_caller_may_change', async () => {
    const fences = new MemoryFences();
    const store = new MemoryCycleStore(fences);
    const token = await fences.next('tick');
    const started = await store.start(token, T, 'backtest', 'open');
    const [read] = await store.recent(1);
    expect(started).toStrictEqual(read);
    expect(Object.keys(started)).toEqual(Object.keys(read!));
    started.stages.push({ name: 'hack', startedAt: T, ms: 0, ok: true, why: 'x', counts: {} });
    started.counts.hack = 1;
    started.errors.push({ stage: 'hack', code: 'X', message: 'x' });
    started.status = 'failed';
    const [again] = await store.recent(1);
    expect(again).toStrictEqual({ id: 1, startedAt: T, finishedAt: null, fenceToken: token, mode: 'backtest', marketPhase: 'open', status: 'running', stages: [], counts: {}, errors: [] });
  });
});

describe('MemoryCycleStore stage runs', () => {
  it('hands_out_stage_runs_no_caller_can_change_and_the_next_record_replaces', async () => {
    const fences = new MemoryFences();
    const store = new MemoryCycleStore(fences);
    const token = await fences.next('tick');
    const c = await store.start(token, T, 'backtest', 'open');
    await store.recordStage(c.id, token, { name: 'reconcile', startedAt: T, ms: 1, ok: true, why: 'every tick', counts: {} }, '2026-11-23');
    const runs = await store.stageRuns();
    expect(() => {
      (runs.reconcile as { lastRunAt: number | null }).lastRunAt = 0;
    }).toThrow(TypeError);
    expect((await store.stageRuns()).reconcile).toEqual({ lastRunAt: T, lastDay: '2026-11-23' });
    await store.recordStage(c.id, token, { name: 'reconcile', startedAt: T + MIN, ms: 1, ok: true, why: 'every tick', counts: {} }, '2026-11-23');
    expect((await store.stageRuns()).reconcile).toEqual({ lastRunAt: T + MIN, lastDay: '2026-11-23' });
    expect(runs.reconcile).toEqual({ lastRunAt: T, lastDay: '2026-11-23' });
  });

  it('keeps_any_stage_name_as_its_own_run_and_hands_out_a_listing_the_caller_may_change', async () => {
    const fences = new MemoryFences();
    const store = new MemoryCycleStore(fences);
    const token = await fences.next('tick');
    const c = await store.start(token, T, 'backtest', 'open');
    for (const name of ['__proto__', 'constructor', 'news']) await store.recordStage(c.id, token, { name, startedAt: T, ms: 1, ok: true, why: 'due', counts: {} }, '2026-11-23');
    const runs = (await store.stageRuns()) as Record<string, unknown>;
    expect(Object.keys(runs)).toEqual(['__proto__', 'constructor', 'news']);
    expect(Object.getPrototypeOf(runs)).toBe(Object.prototype);
    delete runs.news;
    expect(Object.keys(await store.stageRuns())).toEqual(['__proto__', 'constructor', 'news']);
  });
});
