import { describe, expect, it } from 'vitest';
import { MemoryStateStore, selectOrders } from './memory-state-store.ts';
import type { SimOrder } from './sim-state.ts';
import { newAccountState } from './new-account.ts';
import { resolveSimBrokerConfig } from './sim-broker-config.ts';

const init = () => newAccountState(resolveSimBrokerConfig({}), 0);

describe('MemoryStateStore', () => {
  it('runs_concurrent_calls_one_at_a_time_in_arrival_order_and_goes_on_after_one_throws', async () => {
    const store = new MemoryStateStore();
    const events: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = store.withAccount({}, init, async () => {
      events.push('1 in');
      await gate;
      events.push('1 out');
      return 1;
    });
    const second = store.withAccount({}, init, () => {
      events.push('2 in');
      throw new Error('refused');
    });
    const third = store.withAccount({}, init, (session) => {
      events.push('3 in');
      return session.state.cash;
    });
    // A call arriving after the others have queued still waits its turn.
    await Promise.resolve();
    const fourth = store.withAccount({}, init, () => (events.push('4 in'), 4));
    expect(events).toEqual(['1 in']);
    open();
    await expect(first).resolves.toBe(1);
    await expect(second).rejects.toThrow('refused');
    await expect(third).resolves.toBe(init().cash);
    await expect(fourth).resolves.toBe(4);
    expect(events).toEqual(['1 in', '1 out', '2 in', '3 in', '4 in']);
    // Idle again: the next call runs at once.
    await expect(store.withAccount({}, init, () => 5)).resolves.toBe(5);
  });

  it('runs_a_call_that_answers_at_once_within_the_call_when_idle_so_concurrent_reads_do_not_queue', async () => {
    const store = new MemoryStateStore();
    const events: string[] = [];
    const reads = [1, 2, 3].map((n) => store.withAccount({}, init, () => (events.push(`${n}`), n)));
    // Every read has run before anything awaited.
    expect(events).toEqual(['1', '2', '3']);
    await expect(Promise.all(reads)).resolves.toEqual([1, 2, 3]);
    // A read that throws at once rejects and leaves the account free for the next call.
    await expect(store.withAccount({}, init, () => { throw new Error('refused'); })).rejects.toThrow('refused');
    await expect(store.withAccount({}, init, () => 4)).resolves.toBe(4);
  });

  it('lists_orders_newest_or_oldest_first_ties_by_id_and_cut_at_the_limit_as_a_sort_and_slice_would', () => {
    // Created at 0, 0, 1, 1, 2, ... with ids out of creation order; statuses alternate open and closed.
    const orders = Array.from({ length: 9 }, (_, n) => ({ id: `o${(n * 5) % 9}`, createdAt: Math.floor(n / 2), status: n % 2 ? 'filled' : 'new', parentId: null, symbol: 'ACME' }) as unknown as SimOrder);
    const reference = (status: 'open' | 'closed' | 'all', direction: 'asc' | 'desc', limit: number) => {
      const kept = orders.filter((o) => status === 'all' || (status === 'closed') === (o.status === 'filled'));
      const dir = direction === 'asc' ? 1 : -1;
      return kept.sort((a, b) => dir * (a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))).slice(0, limit);
    };
    for (const status of ['open', 'closed', 'all'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const limit of [1, 2, 4, 9, 500, Number.NaN]) {
          expect(selectOrders(orders, { status, direction, limit, nested: false }).map((o) => o.id)).toEqual(reference(status, direction, limit).map((o) => o.id));
        }
      }
    }
  });
});
