import { describe, expect, it } from 'vitest';
import { functionTrialInvoker } from './function-trial.invoker.ts';
import { syntheticTrial } from './synthetic-trial.test-support.ts';
import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';
import type { TrialRequest, TrialStudy } from '../../ports/trial-invoker.port.ts';

const study: TrialStudy = { history: { kind: 'synthetic', seed: 1, symbols: 10, newsRate: 4 }, from: '2026-11-02', to: '2026-11-13' };
const request: TrialRequest = { key: 'k1', point: { RISK: 0.5, POSITIONS: 2 }, window: { from: '2026-11-02', to: '2026-11-06' } };
const noSleep = { now: () => 0, sleep: async () => undefined };

/** An Invoker port whose answers are scripted per call; it records what it was sent. */
function scripted(answers: ((params: Record<string, unknown>) => InvokeOutcome<unknown>)[]): Invoker & { sent: { fn: string; params: Record<string, unknown> }[] } {
  const sent: { fn: string; params: Record<string, unknown> }[] = [];
  return {
    sent,
    async invoke<T>(fn: string, params: Record<string, unknown>) {
      sent.push({ fn, params });
      return answers[sent.length - 1]!(params) as InvokeOutcome<T>;
    },
  };
}
const timedOut = (): InvokeOutcome<unknown> => ({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT', message: 'research/trial did not answer', retryable: true }, durationMs: 1 });
const answered = (params: Record<string, unknown>): InvokeOutcome<unknown> => ({ ok: true, value: JSON.parse(JSON.stringify(syntheticTrial(params.request as TrialRequest))), durationMs: 1 });

describe('research/trial invocations through the Invoker port', () => {
  it('sends_the_request_and_the_study_never_the_history_and_returns_the_function_result', async () => {
    const invoker = scripted([answered]);
    const remote = functionTrialInvoker({ invoker, study, functionTimeoutMs: 900_000, sessionMs: 10_000, concurrency: 100, clock: noSleep });
    expect(await remote.run(request)).toEqual(syntheticTrial(request));
    expect(invoker.sent).toEqual([{ fn: 'research/trial', params: { request, study } }]);
    expect(Buffer.byteLength(JSON.stringify(invoker.sent[0]!.params))).toBeLessThan(1024);
  });

  it('retries_a_timed_out_trial_once_since_a_trial_is_pure_given_its_request_and_says_it_may_run_twice', async () => {
    const invoker = scripted([timedOut, answered]);
    const said: string[] = [];
    const remote = functionTrialInvoker({ invoker, study, functionTimeoutMs: 900_000, sessionMs: 10_000, concurrency: 1, clock: noSleep, onRetry: (line) => said.push(line) });
    expect(await remote.run(request)).toEqual(syntheticTrial(request));
    expect(invoker.sent).toHaveLength(2);
    expect(said).toEqual(['trial k1: attempt 1 ended without a result (DEPENDENCY_TIMEOUT: research/trial did not answer); sending it again, so it may run twice (same result: a trial is pure given its request)']);
  });

  it('invokes_each_trial_non_blocking_with_a_deadline_past_the_function_time_limit', async () => {
    const options: unknown[] = [];
    const invoker: Invoker = { invoke: async <T>(_fn: string, params: Record<string, unknown>, o: unknown) => (options.push(o), answered(params) as InvokeOutcome<T>) };
    await functionTrialInvoker({ invoker, study, functionTimeoutMs: 900_000, sessionMs: 10_000, concurrency: 1, clock: noSleep }).run(request);
    expect(options).toEqual([{ timeoutMs: 930_000, nonBlocking: true }]);
  });

  it('gives_up_after_the_retry_naming_the_trial_and_the_error', async () => {
    const invoker = scripted([timedOut, timedOut, answered]);
    const remote = functionTrialInvoker({ invoker, study, functionTimeoutMs: 900_000, sessionMs: 10_000, concurrency: 1, clock: noSleep });
    await expect(remote.run(request)).rejects.toThrow('trial k1 failed in research/trial after 2 attempt(s): DEPENDENCY_TIMEOUT: research/trial did not answer');
  });

  it('refuses_a_request_over_one_megabyte_before_sending_it', async () => {
    const invoker = scripted([answered]);
    const symbols = Array.from({ length: 5000 }, (_, i) => `SYMBOL${i}`.slice(0, 15));
    const big = functionTrialInvoker({ invoker, study: { ...study, symbols }, functionTimeoutMs: 900_000, sessionMs: 10_000, concurrency: 1, clock: noSleep });
    await expect(big.run({ ...request, key: 'x'.repeat(1_100_000) })).rejects.toThrow(/its request is \d+ bytes, over the platform's 1 MB/);
    expect(invoker.sent).toEqual([]);
  });

  it('refuses_an_answer_that_is_not_a_trial_result', async () => {
    const invoker = scripted([() => ({ ok: true, value: { sessionReturns: 'no' }, durationMs: 1 })]);
    const remote = functionTrialInvoker({ invoker, study, functionTimeoutMs: 900_000, sessionMs: 10_000, concurrency: 1, clock: noSleep });
    await expect(remote.run(request)).rejects.toThrow('trial k1: research/trial answered something that is not a trial result');
  });

  it('names_a_concurrency_beyond_the_namespace_limit', () => {
    expect(() => functionTrialInvoker({ invoker: scripted([]), study, functionTimeoutMs: 900_000, sessionMs: 10_000, concurrency: 121 })).toThrow(/concurrency must be a whole number from 1 to 120/);
  });
});
