import { describe, expect, it } from 'vitest';
import type { JsonCache } from '../json-cache.port.ts';
import type { LiveSummaryStore } from '../live-summary.port.ts';

/** Stores whose entries expire, and the means to let their time pass. */
export interface Expiring<T> {
  store: T;
  /** Lets at least `ms` pass on the clock the store's TTLs run on. */
  wait(ms: number): Promise<void>;
}

let keys = 0;
// Unique per scenario, so implementations sharing one store (a Redis) never see each other's keys.
const fresh = (what: string) => `${what}-${process.pid}-${++keys}-${Date.now().toString(36)}`;

/** The JsonCache contract: every implementation must pass it. */
export function jsonCacheContract(name: string, open: () => Expiring<JsonCache>): void {
  describe(`JsonCache contract: ${name}`, () => {
    it('computes_once_then_serves_the_cached_value_until_its_ttl_passed', async () => {
      const { store, wait } = open();
      const key = fresh('summary');
      let computed = 0;
      const compute = async () => ({ n: ++computed, at: [1, 2] });
      expect(await store.getOrCompute(key, 1, compute)).toEqual({ n: 1, at: [1, 2] });
      expect(await store.getOrCompute(key, 1, compute)).toEqual({ n: 1, at: [1, 2] });
      await wait(1100);
      expect(await store.getOrCompute(key, 1, compute)).toEqual({ n: 2, at: [1, 2] });
    });

    it('gives_back_what_json_keeps_and_a_fresh_copy_each_time', async () => {
      const { store } = open();
      const key = fresh('copy');
      await store.getOrCompute(key, 60, async () => ({ list: [1], gone: undefined, when: new Date(0) }));
      const hit = await store.getOrCompute<{ list: number[] }>(key, 60, async () => ({ list: [] }));
      expect(hit).toEqual({ list: [1], when: '1970-01-01T00:00:00.000Z' });
      hit.list.push(2);
      expect(await store.getOrCompute(key, 60, async () => ({ list: [] }))).toEqual({ list: [1], when: '1970-01-01T00:00:00.000Z' });
    });

    it('caches_nothing_when_the_computation_fails', async () => {
      const { store } = open();
      const key = fresh('failing');
      await expect(store.getOrCompute(key, 60, async () => Promise.reject(new Error('source down')))).rejects.toThrow('source down');
      expect(await store.getOrCompute(key, 60, async () => 'ok')).toBe('ok');
      expect(await store.getOrCompute(fresh('other'), 60, async () => 'other')).toBe('other');
    });
  });
}

/** The LiveSummaryStore contract: every implementation must pass it. */
export function liveSummaryContract(name: string, open: () => Expiring<LiveSummaryStore>): void {
  describe(`LiveSummaryStore contract: ${name}`, () => {
    it('reads_nothing_before_the_first_write_then_the_latest_summary_until_its_ttl_passed', async () => {
      const { store, wait } = open();
      expect(await store.read()).toBeNull();
      await store.write({ equity: 100_000, positions: [] }, 60);
      await store.write({ equity: 100_050, positions: [{ symbol: 'ACME' }] }, 1);
      const read = await store.read();
      expect(read).toEqual({ equity: 100_050, positions: [{ symbol: 'ACME' }] });
      (read!.positions as unknown[]).length = 0;
      expect(await store.read()).toEqual({ equity: 100_050, positions: [{ symbol: 'ACME' }] });
      await wait(1100);
      expect(await store.read()).toBeNull();
    });

    it('reads_back_the_value_of_the_json_text_and_not_a_change_made_after_the_write', async () => {
      const { store } = open();
      const summary = { at: new Date(0), gone: undefined, ratio: Number.NaN, stages: [{ name: 'news', ok: true, error: null }] };
      await store.write(summary, 60);
      summary.stages[0]!.ok = false;
      expect(await store.read()).toStrictEqual({ at: '1970-01-01T00:00:00.000Z', ratio: null, stages: [{ name: 'news', ok: true, error: null }] });
    });
  });
}
