import { afterEach, describe, expect, it } from 'vitest';
import { functionTrialInvoker } from './function-trial.invoker.ts';
import { syntheticTrial } from './synthetic-trial.test-support.ts';
import { OpenWhiskInvoker } from '../invoke/openwhisk-invoker.ts';
import { startRuntimeServer, type RuntimeServer } from '../../../scheduler/web-server.ts';
import type { LoadedFunction, MainFn } from '../../../scheduler/function-registry.ts';
import type { TrialRequest, TrialStudy } from '../../ports/trial-invoker.port.ts';

const study: TrialStudy = { history: { kind: 'synthetic', seed: 1, symbols: 10, newsRate: 4 }, from: '2026-11-02', to: '2026-11-13' };
const request: TrialRequest = { key: 'k1', point: { RISK: 0.5, POSITIONS: 2 }, window: { from: '2026-11-02', to: '2026-11-06' } };

let server: RuntimeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** research/trial in the local runtime with a 100 ms blocking window; `main` stands for the backtest. */
async function remoteTrials(main: MainFn, timeout: number, onRetry?: (line: string) => void) {
  const trial: LoadedFunction = { spec: { package: 'research', name: 'trial', id: 'research/trial', runtime: 'nodejs:22', main: 'main', web: false, webSecure: false, limits: { timeout, memory: 1024 }, environment: {}, triggers: [] }, main };
  server = await startRuntimeServer({ namespace: 'catalyst', functions: new Map([[trial.spec.id, trial]]), apiKey: 'u:k', blockingWindowMs: 100 });
  const requests: string[] = [];
  const recording: typeof fetch = (input, init) => (requests.push(`${init?.method ?? 'GET'} ${String(input).replace(server!.url, '')}`), fetch(input, init));
  const invoker = new OpenWhiskInvoker({ apiHost: server.url, namespace: 'catalyst', apiKey: 'u:k', fetch: recording });
  return { requests, trials: functionTrialInvoker({ invoker, study, functionTimeoutMs: 20_000, sessionMs: 1, concurrency: 2, ...(onRetry ? { onRetry } : {}) }) };
}
const answer = (args: unknown) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(syntheticTrial((args as { request: TrialRequest }).request)) });

describe('research/trial invocations that outlast the blocking window, through the local runtime', () => {
  it('runs_each_trial_non_blocking_reads_its_activation_and_returns_its_result_having_invoked_it_once', async () => {
    let runs = 0;
    const sleepsPastTheWindow: MainFn = async (args) => {
      runs++;
      await new Promise((r) => setTimeout(r, 400));
      return answer(args);
    };
    const { requests, trials } = await remoteTrials(sleepsPastTheWindow, 900_000);
    expect(await trials.run(request)).toEqual(syntheticTrial(request));
    expect(runs).toBe(1);
    expect(requests[0]).toBe('POST /api/v1/namespaces/catalyst/actions/research/trial?blocking=false');
    expect(requests.slice(1).every((r) => /^GET \/api\/v1\/namespaces\/catalyst\/activations\/[0-9a-f]{32}$/.test(r))).toBe(true);
  });

  it('says_so_when_it_sends_a_trial_again_after_its_first_activation_exceeded_the_time_limit_still_running', async () => {
    const releases: (() => void)[] = [];
    let runs = 0;
    // The first run overstays research/trial's 300 ms limit (and cannot be stopped); the second answers.
    const slowThenQuick: MainFn = (args) => (++runs === 1 ? new Promise((r) => releases.push(() => r(answer(args)))) : Promise.resolve(answer(args)));
    const said: string[] = [];
    const { trials } = await remoteTrials(slowThenQuick, 300, (line) => said.push(line));
    expect(await trials.run(request)).toEqual(syntheticTrial(request));
    expect(runs).toBe(2);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^trial k1: attempt 1 ended without a result \(DEPENDENCY_TIMEOUT: research\/trial failed as activation [0-9a-f]{32} \(action developer error: The action exceeded its time limits of 300 milliseconds\.\)\); sending it again, so it may run twice/);
    releases[0]!();
  });
});
