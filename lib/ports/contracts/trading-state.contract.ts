import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { TradingStatus } from '../../risk/trading-state.ts';
import type { TradingWorld } from './trading-store.contract.ts';
import { intent, T0 } from './trading-fixtures.ts';

const halted: TradingStatus = { state: 'HALTED', cause: 'daily_loss_limit', message: 'Daily loss limit reached.', since: T0, until: T0 + 86_400_000, inputs: { realizedPnlTodayUsd: -1500, limitUsd: 1000 } };

/** Declares the cases every TradingStateStore must pass: the state, the high-water mark and the risk facts. */
export function tradingStateContract(name: string, make: () => Promise<TradingWorld>): void {
  describe(`TradingStateStore contract (${name})`, () => {
    let w: TradingWorld;
    beforeEach(async () => {
      w = await make();
    });
    afterEach(() => w.close());

    it('starts_active_with_no_high_water_mark', async () => {
      const { status, equityHighWaterUsd } = await w.state.load();
      expect({ state: status.state, cause: status.cause, message: status.message, until: status.until, inputs: status.inputs }).toEqual({ state: 'ACTIVE', cause: 'initial', message: 'initial state', until: null, inputs: {} });
      expect(equityHighWaterUsd).toBeNull();
    });

    it('saves_the_state_with_its_cause_inputs_and_high_water_mark_and_loads_it_back', async () => {
      await w.state.save(halted, [halted], 101_000, 'risk', 2);
      expect(await w.state.load()).toEqual({ status: halted, equityHighWaterUsd: 101_000 });
      await w.state.resetHighWater(99_000, 'operator:ana', T0 + 1, 2);
      expect((await w.state.load()).equityHighWaterUsd).toBe(99_000);
      await expect(w.state.save({ ...halted, state: 'ACTIVE' }, [], 1, 'risk', 1)).rejects.toMatchObject({ code: 'LOCK_LOST' });
      expect((await w.state.load()).status.state).toBe('HALTED');
    });

    it('counts_todays_entries_per_story_except_refused_ones', async () => {
      const [a, b] = await w.store.saveIntents([
        intent('a', { storyId: 5 }), intent('b', { storyId: 5 }), intent('c', { storyId: 6, createdAt: T0 - 86_400_000 }),
        intent('d', { storyId: null }), intent('e', { storyId: 6, kind: 'exit' }), intent('f', { storyId: 6 }),
      ], null);
      await w.store.markSubmitting([a!.id, b!.id], T0, null);
      await w.store.recordOutcome(b!.id, { status: 'rejected', reason: 'insufficient_buying_power', message: 'no', httpStatus: 403 }, T0, null);
      expect((await w.state.riskFacts(T0 - 3_600_000, T0, 30)).entriesPerStory).toEqual({ 5: 1, 6: 1 });
    });
  });
}
