import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { TradingStore } from '../trading-store.port.ts';
import type { TradingStateStore } from '../trading-state.port.ts';
import { intent, order, T0 } from './trading-fixtures.ts';

/** One fresh trading world (an empty database schema, or empty in-memory tables) per case. */
export interface TradingWorld {
  store: TradingStore;
  state: TradingStateStore;
  close(): Promise<void>;
}

/** Declares the cases every TradingStore must pass: intents, claims, outcomes and fencing. */
export function tradingStoreContract(name: string, make: () => Promise<TradingWorld>): void {
  describe(`TradingStore contract: intents and fencing (${name})`, () => {
    let w: TradingWorld;
    beforeEach(async () => {
      w = await make();
    });
    afterEach(() => w.close());

    it('stores_each_client_order_id_once_and_returns_new_and_existing_records_by_id_with_serial_gaps', async () => {
      const first = await w.store.saveIntents([intent('a'), intent('b')], null);
      expect(first.map((i) => [i.id, i.clientOrderId, i.status])).toEqual([[1, 'a', 'pending'], [2, 'b', 'pending']]);
      // Every proposed row takes a sequence value, also those a conflict skips (a: 3, the second c: 5).
      const again = await w.store.saveIntents([intent('c'), intent('a'), intent('c'), intent('d')], null);
      expect(again.map((i) => [i.id, i.clientOrderId])).toEqual([[1, 'a'], [3, 'c'], [6, 'd']]);
      expect(again[0]).toEqual(first[0]);
    });

    it('returns_the_record_as_stored_with_optional_fields_omitted_when_empty', async () => {
      const [r] = await w.store.saveIntents([intent('x', { kind: 'exit', exitReason: 'time_exit', plan: undefined, replacesOrderId: 'o-9', signalId: undefined, risk: undefined })], null);
      expect(r).toEqual({
        id: 1, clientOrderId: 'x', cycleId: 1, createdAt: T0, kind: 'exit', reason: intent('x').reason, exitReason: 'time_exit', replacesOrderId: 'o-9',
        request: intent('x').request, signalId: null, storyId: 3, newsItemId: 11, risk: {}, status: 'pending', brokerOrderId: null, outcome: null,
        submittedAt: null, resolvedAt: null, lookups: 0,
      });
      expect(Object.keys(r!.request)).toEqual(['qty', 'side', 'type', 'symbol', 'timeInForce', 'clientOrderId']);
    });

    it('refuses_a_batch_with_a_malformed_request_naming_the_column_and_stores_none_of_it', async () => {
      const bad = intent('bad', { request: { clientOrderId: 'bad', symbol: 'ACME', side: 'buy', timeInForce: 'day' } as never });
      await expect(w.store.saveIntents([intent('ok'), bad], null)).rejects.toMatchObject({ code: 'DATA_INVALID', message: expect.stringContaining('intents.request') });
      expect((await w.store.intentsByClientOrderId(['ok', 'bad'])).size).toBe(0);
    });

    it('lets_only_one_caller_claim_a_pending_intent', async () => {
      const [a, b] = await w.store.saveIntents([intent('a'), intent('b')], null);
      expect(await w.store.markSubmitting([b!.id, a!.id, 99], T0 + 1, null)).toEqual(expect.arrayContaining([a!.id, b!.id]));
      expect(await w.store.markSubmitting([a!.id, b!.id], T0 + 2, null)).toEqual([]);
      const got = (await w.store.intentsByClientOrderId(['a'])).get('a');
      expect(got).toMatchObject({ status: 'submitted', submittedAt: T0 + 1 });
    });

    it('records_each_outcome_with_its_status_and_keeps_unknown_ones_unsettled', async () => {
      const [a, b, c, d] = await w.store.saveIntents([intent('a'), intent('b'), intent('c'), intent('d'), intent('e')], null);
      await w.store.markSubmitting([a!.id, b!.id, c!.id, d!.id], T0, null);
      expect(await w.store.recordOutcome(a!.id, { status: 'accepted', order: order('o-1', 'a') }, T0 + 5, null)).toBe('accepted');
      expect(await w.store.recordOutcome(b!.id, { status: 'rejected', reason: 'insufficient_buying_power', message: 'no', httpStatus: 403 }, T0 + 5, null)).toBe('rejected');
      expect(await w.store.recordOutcome(c!.id, { status: 'duplicate', order: null }, T0 + 5, null)).toBe('unresolved');
      expect(await w.store.recordOutcome(d!.id, { status: 'unresolved', message: 'timeout' }, T0 + 5, null)).toBe('unresolved');
      const all = await w.store.intentsByClientOrderId(['a', 'b', 'c']);
      expect(all.get('a')).toMatchObject({ status: 'accepted', brokerOrderId: 'o-1', resolvedAt: T0 + 5, outcome: { status: 'accepted', orderStatus: 'new' } });
      expect(all.get('b')).toMatchObject({ status: 'rejected', resolvedAt: T0 + 5, outcome: { status: 'rejected', reason: 'insufficient_buying_power', message: 'no', httpStatus: 403, brokerCode: null } });
      expect(all.get('c')).toMatchObject({ status: 'unresolved', resolvedAt: null, brokerOrderId: null });
      expect((await w.store.unsettledIntents()).map((i) => i.clientOrderId)).toEqual(['c', 'd', 'e']);
    });

    it('refuses_every_write_with_a_token_older_than_the_last_writers_and_stores_nothing_of_it', async () => {
      const [a] = await w.store.saveIntents([intent('a')], 5);
      const lost = { code: 'LOCK_LOST', retryable: false };
      await expect(w.store.saveIntents([intent('b')], 4)).rejects.toMatchObject(lost);
      await expect(w.store.markSubmitting([a!.id], T0, 4)).rejects.toMatchObject(lost);
      await expect(w.store.recordOutcome(a!.id, { status: 'unresolved', message: 'x' }, T0, 4)).rejects.toMatchObject(lost);
      await expect(w.store.appendAudit([{ at: T0, actor: 'x', action: 'exit.deferred', subject: 'ACME', reason: 'r', data: { side: 'long' } }], 4)).rejects.toMatchObject(lost);
      await expect(w.state.resetHighWater(1, 'op', T0, 4)).rejects.toMatchObject(lost);
      expect((await w.store.intentsByClientOrderId(['a', 'b'])).get('a')).toMatchObject({ status: 'pending' });
      expect((await w.store.intentsByClientOrderId(['b'])).size).toBe(0);
      expect(await w.store.deferredCloses(0)).toEqual([]);
      expect((await w.state.load()).equityHighWaterUsd).toBeNull();
      // The same token writes again, a newer one moves the fence, an unfenced write (operator tools) always passes.
      expect(await w.store.markSubmitting([a!.id], T0, 5)).toEqual([a!.id]);
      await w.store.saveIntents([intent('c')], 9);
      await expect(w.store.saveIntents([intent('d')], 5)).rejects.toMatchObject(lost);
      expect(await w.store.saveIntents([intent('e')], null)).toHaveLength(1);
    });

    it('hands_out_copies_so_a_caller_cannot_change_what_is_stored', async () => {
      const [a] = await w.store.saveIntents([intent('a')], null);
      a!.request.qty = 1;
      a!.plan!.stopPrice = 1;
      (a!.risk as Record<string, unknown>).approved = false;
      const again = (await w.store.intentsByClientOrderId(['a'])).get('a')!;
      expect(again.request.qty).toBe(100);
      expect(again.plan!.stopPrice).toBe(9.5);
      expect(again.risk).toEqual({ approved: true, checks: ['daily_loss'] });
    });
  });
}
