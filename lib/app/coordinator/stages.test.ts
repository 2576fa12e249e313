import { describe, expect, it } from 'vitest';
import { workerStages, type StageContext } from './stages.ts';
import { FN, type ExecuteAnswer, type ScanAnswer, type SignalsAnswer } from './contracts.ts';
import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';

type Reply = (params: Record<string, unknown>) => InvokeOutcome<unknown>;

/** An invoker that answers from a table per function and records every call. */
function fakeInvoker(replies: Partial<Record<string, Reply>>): Invoker & { calls: { fn: string; params: Record<string, unknown> }[] } {
  const calls: { fn: string; params: Record<string, unknown> }[] = [];
  return {
    calls,
    async invoke<T>(fn: string, params: Record<string, unknown>): Promise<InvokeOutcome<T>> {
      calls.push({ fn, params });
      const reply = replies[fn];
      if (!reply) return { ok: false, error: { code: 'INTERNAL', message: `no fake for ${fn}`, retryable: false }, durationMs: 1 };
      return reply(params) as InvokeOutcome<T>;
    },
  };
}

const ok = <T>(value: T): InvokeOutcome<T> => ({ ok: true, value, durationMs: 1 });
const down: InvokeOutcome<never> = { ok: false, error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'market data down', retryable: true }, durationMs: 1 };
const ctxOf = (bag: StageContext['bag'] = {}): StageContext => ({ cycleId: 7, fence: 3, now: Date.parse('2026-11-21T08:00:00Z'), budgetMs: () => 30_000, bag });
const options = { batchSize: 2, concurrency: 2, perCallTimeoutMs: 5_000 };

const pairs: ScanAnswer = {
  universe: 3,
  withNews: 2,
  dataCalls: 2,
  excluded: 0,
  candidates: [
    { id: 1, symbol: 'SOL/USD', rank: 1, score: 0.6, direction: 'long', blocked: false },
    { id: 2, symbol: 'BTC/USD', rank: 2, score: 0.4, direction: 'long', blocked: false },
  ],
};
const signalsOf = (trade: string | null) => (params: Record<string, unknown>): InvokeOutcome<SignalsAnswer> =>
  ok({ signals: (params.symbols as string[]).map((s, i) => ({ id: i + 1, symbol: s, direction: s === trade ? 'long' : 'none', score: s === trade ? 0.63 : 0.2 })) });
const executed = (params: Record<string, unknown>): InvokeOutcome<ExecuteAnswer> =>
  ok<ExecuteAnswer>(params.mode === 'entries' ? { intents: 1, sent: 1, denied: 0, byStatus: { accepted: 1 }, denials: [] } : { intents: 0, sent: 0, denied: 0, byStatus: {}, denials: [] });

describe('the crypto stage', () => {
  it('scans_the_pairs_analyses_them_like_stocks_sends_the_entry_and_then_manages_exits', async () => {
    const invoker = fakeInvoker({ [FN.scan]: () => ok(pairs), [FN.detect]: () => ok({ detections: { 'SOL/USD': [] } }), [FN.signals]: signalsOf('SOL/USD'), [FN.execute]: executed });
    const ctx = ctxOf();
    const counts = await workerStages(invoker, options).crypto!(ctx);
    expect(invoker.calls.map((c) => c.fn)).toEqual([FN.scan, FN.detect, FN.signals, FN.execute, FN.execute]);
    expect(invoker.calls[0]!.params).toEqual({ mode: 'scan', cycleId: 7, fence: 3, market: 'crypto' });
    expect(invoker.calls[1]!.params).toEqual({ cycleId: 7, symbols: ['SOL/USD', 'BTC/USD'], market: 'crypto' });
    expect(invoker.calls.slice(3).map((c) => c.params)).toEqual([
      { cycleId: 7, fence: 3, mode: 'entries', market: 'crypto' },
      { cycleId: 7, fence: 3, mode: 'exits', market: 'crypto' },
    ]);
    expect(counts).toEqual({ universe: 3, withNews: 2, candidates: 2, excluded: 0, symbols: 2, signals: 2, trades: 1, intents: 1, sent: 1, denied: 0, exitIntents: 0, exitsSent: 0 });
    // The stock stages' results of this tick are not overwritten.
    expect(ctx.bag).toEqual({});
  });

  it('sends_no_entries_when_no_pair_signal_trades_but_still_manages_exits', async () => {
    const invoker = fakeInvoker({ [FN.scan]: () => ok(pairs), [FN.detect]: () => ok({ detections: {} }), [FN.signals]: signalsOf(null), [FN.execute]: executed });
    const counts = await workerStages(invoker, options).crypto!(ctxOf());
    expect(invoker.calls.filter((c) => c.fn === FN.execute).map((c) => c.params.mode)).toEqual(['exits']);
    expect(counts).toMatchObject({ candidates: 2, signals: 2, trades: 0, exitIntents: 0 });
    expect(counts.intents).toBeUndefined();
  });

  it('skips_analysis_when_every_pair_candidate_is_blocked', async () => {
    const blocked = { ...pairs, candidates: pairs.candidates.map((c) => ({ ...c, blocked: true })) };
    const invoker = fakeInvoker({ [FN.scan]: () => ok(blocked), [FN.execute]: executed });
    const counts = await workerStages(invoker, options).crypto!(ctxOf());
    expect(invoker.calls.map((c) => c.fn)).toEqual([FN.scan, FN.execute]);
    expect(counts).toMatchObject({ candidates: 2, symbols: 0, signals: 0, trades: 0 });
  });

  it('manages_open_pairs_even_when_the_crypto_scan_fails_and_then_reports_the_failure', async () => {
    const invoker = fakeInvoker({ [FN.scan]: () => down, [FN.execute]: executed });
    await expect(workerStages(invoker, options).crypto!(ctxOf())).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringContaining('exits still ran') });
    expect(invoker.calls.map((c) => [c.fn, c.params.mode])).toEqual([
      [FN.scan, 'scan'],
      [FN.execute, 'exits'],
    ]);
  });

  it('fails_when_every_signals_batch_failed_after_running_exits', async () => {
    const invoker = fakeInvoker({ [FN.scan]: () => ok(pairs), [FN.detect]: () => ok({ detections: {} }), [FN.signals]: () => down, [FN.execute]: executed });
    await expect(workerStages(invoker, options).crypto!(ctxOf())).rejects.toThrow(/every technical\/signals batch failed/);
    expect(invoker.calls.filter((c) => c.fn === FN.execute).map((c) => c.params.mode)).toEqual(['exits']);
  });
});

describe('the analyze stage (shares the fan-out with the crypto stage)', () => {
  it('fans_the_stock_candidates_out_without_a_market_and_leaves_the_signals_for_execute', async () => {
    const invoker = fakeInvoker({ [FN.detect]: () => ok({ detections: {} }), [FN.signals]: signalsOf('ACME') });
    const ctx = ctxOf({ candidates: [{ id: 1, symbol: 'ACME', rank: 1, score: 0.7, direction: 'long', blocked: false }] });
    const counts = await workerStages(invoker, options).analyze!(ctx);
    expect(invoker.calls[0]).toEqual({ fn: FN.detect, params: { cycleId: 7, symbols: ['ACME'] } });
    expect(counts).toEqual({ symbols: 1, batches: 1, detectFailed: 0, signalsFailed: 0, signals: 1 });
    expect(ctx.bag.signals).toEqual([{ id: 1, symbol: 'ACME', direction: 'long', score: 0.63 }]);
  });
});

describe('the manage_exits stage', () => {
  const evening = Date.parse('2026-11-21T08:00:00Z');
  it('manages_only_the_crypto_pairs_outside_the_session_and_skips_the_call_when_nothing_is_open', async () => {
    const invoker = fakeInvoker({ [FN.execute]: executed });
    const stage = workerStages(invoker, options).manage_exits!;
    expect(await stage({ ...ctxOf({ openPositions: 0 }), now: evening })).toEqual({ intents: 0, sent: 0 });
    expect(invoker.calls).toEqual([]);
    await stage({ ...ctxOf({ openPositions: 1 }), now: evening });
    expect(invoker.calls[0]!.params).toMatchObject({ mode: 'exits', market: 'crypto' });
    await stage({ ...ctxOf({ openPositions: 1 }), now: Date.parse('2026-11-23T16:00:00Z') });
    expect(invoker.calls[1]!.params).toEqual({ cycleId: 7, fence: 3, mode: 'exits' });
  });

  it('skips_the_call_in_the_session_too_when_reconcile_found_nothing_open_but_not_when_reconcile_did_not_say', async () => {
    const invoker = fakeInvoker({ [FN.execute]: executed });
    const stage = workerStages(invoker, options).manage_exits!;
    const midday = Date.parse('2026-11-23T16:00:00Z');
    expect(await stage({ ...ctxOf({ openPositions: 0 }), now: midday })).toEqual({ intents: 0, sent: 0 });
    expect(invoker.calls).toEqual([]);
    // A failed reconcile leaves the count unknown: exits are managed as before.
    await stage({ ...ctxOf({}), now: midday });
    expect(invoker.calls[0]!.params).toEqual({ cycleId: 7, fence: 3, mode: 'exits' });
  });
});
