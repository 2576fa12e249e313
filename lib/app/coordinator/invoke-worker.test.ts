import { describe, expect, it } from 'vitest';
import { invokeWorker } from './invoke-worker.ts';
import { DetectContract, ExecuteContract, ScanContract, WORKER_CONTRACTS } from './contracts.ts';
import { workerStages, type StageContext } from './stages.ts';
import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';

/** An invoker that answers `value` to every call and records what was sent. */
function answering(value: unknown): Invoker & { sent: { fn: string; params: Record<string, unknown> }[] } {
  const sent: { fn: string; params: Record<string, unknown> }[] = [];
  return {
    sent,
    async invoke<T>(fn: string, params: Record<string, unknown>): Promise<InvokeOutcome<T>> {
      sent.push({ fn, params });
      return { ok: true, value: value as T, durationMs: 1 };
    },
  };
}

const detection = { name: 'bull-flag', kind: 'setup', direction: 'long', t: 1_700_000_000_000, levels: { flagLow: 9.5 } };

describe('worker contracts, coordinator side', () => {
  it('parses_an_answer_that_keeps_the_contract', async () => {
    const out = await invokeWorker(answering({ detections: { ACME: [detection] } }), DetectContract, { cycleId: 1, symbols: ['ACME'] }, { timeoutMs: 1000 });
    expect(out).toEqual({ ok: true, value: { detections: { ACME: [detection] } }, durationMs: 1 });
  });

  it('refuses_an_answer_that_drifted_naming_the_field', async () => {
    // The shape contracts.ts used to promise: { name, direction, barTimes }.
    const drifted = { detections: { ACME: [{ name: 'bull-flag', direction: 'long', barTimes: [1] }] } };
    const out = await invokeWorker(answering(drifted), DetectContract, { cycleId: 1, symbols: ['ACME'] }, { timeoutMs: 1000 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error).toMatchObject({ code: 'CONTRACT_VIOLATION', retryable: false });
    expect(out.error.message).toContain('patterns/detect answer');
    expect(out.error.message).toContain('detections.ACME.0.kind');
  });

  it('sends_nothing_when_the_arguments_break_the_contract', async () => {
    const invoker = answering({});
    const out = await invokeWorker(invoker, ExecuteContract, { cycleId: 0, mode: 'entries' }, { timeoutMs: 1000 });
    expect(out).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION', message: expect.stringContaining('cycleId') } });
    expect(invoker.sent).toEqual([]);
  });

  it('tells_a_scan_answer_from_a_refresh_answer', async () => {
    const refresh = { assets: 10, universe: 8, stats: 8 };
    expect(await invokeWorker(answering(refresh), ScanContract, { mode: 'refresh' }, { timeoutMs: 1000 })).toMatchObject({ ok: true, value: refresh });
    expect(await invokeWorker(answering({ ...refresh, extra: 1 }), ScanContract, { mode: 'refresh' }, { timeoutMs: 1000 })).toMatchObject({ ok: false });
  });

  it('names_every_worker_once', () => {
    const fns = WORKER_CONTRACTS.map((c) => c.fn);
    expect(new Set(fns).size).toBe(fns.length);
  });
});

describe('the flatten stage', () => {
  const ctx = (bag: StageContext['bag']): StageContext => ({ cycleId: 7, fence: 3, now: Date.parse('2026-11-23T20:50:00Z'), budgetMs: () => 30_000, bag });
  const executed = { intents: 0, sent: 0, denied: 0, byStatus: {}, denials: [] };

  it('sends_the_exit_reason_as_a_value_whatever_the_message_says', async () => {
    const invoker = answering(executed);
    const stage = workerStages(invoker, { batchSize: 2, concurrency: 1, perCallTimeoutMs: 5_000 }).flatten!;
    await stage(ctx({ flattenExitReason: 'dead_man_switch', flattenReason: 'no successful tick for 12 min' }));
    await stage(ctx({ flattenReason: "dead man's switch mentioned in words only" }));
    expect(invoker.sent.map((s) => s.params.exitReason)).toEqual(['dead_man_switch', 'flatten_before_close']);
  });
});
