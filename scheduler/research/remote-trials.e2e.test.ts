import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from '../../test/support/db.ts';
import { loadProjectSpec } from '../project-spec.ts';
import { loadFunctions } from '../function-registry.ts';
import { startRuntimeServer, type RuntimeServer } from '../web-server.ts';
import { createRuntime, type Runtime } from '../../lib/compose/runtime.ts';
import { loadConfig } from '../../lib/config/load-config.ts';
import { OpenWhiskInvoker } from '../../lib/adapters/invoke/openwhisk-invoker.ts';
import { functionTrialInvoker } from '../../lib/adapters/research/function-trial.invoker.ts';
import { workerPoolInvoker } from '../../lib/adapters/research/worker-pool.invoker.ts';
import { PgResearchStore } from '../../lib/adapters/postgres/research.repo.ts';
import { runWalkForward, type WalkForwardReport, type WalkForwardSpec } from '../../lib/app/research/walk-forward.ts';
import { calendarBetween } from '../../lib/domain/calendar/nyse-calendar.ts';
import { PARAMETER_SPACE } from '../../lib/config/parameter-space.ts';
import type { TrialInvoker, TrialStudy } from '../../lib/ports/trial-invoker.port.ts';
import { backtestTrialEngine } from '../../lib/compose/research/trial-engine.ts';
import type { BacktestTrialOptions } from '../../lib/compose/research/backtest-trial.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FROM = '2026-11-16';
const TO = '2026-11-19';
const HISTORY = { kind: 'synthetic' as const, seed: 4, symbols: 6, newsRate: 4 };
const SPEC = (label: string): WalkForwardSpec => ({
  sessions: calendarBetween(FROM, TO).map((s) => s.date),
  plan: { folds: 2, inSampleSessions: 2, outOfSampleSessions: 1 },
  space: PARAMETER_SPACE,
  trials: 2,
  sampler: 'random',
  eta: 3,
  objective: 'net_pnl',
  minTrades: 0,
  seed: 5,
  monteCarloSamples: 100,
  // A different study key for each side, so that neither reuses the other's stored trials.
  context: { test: 'remote-trials', side: label },
});
const decisions = (r: WalkForwardReport) => ({ folds: r.folds, outOfSample: r.outOfSample, psr: r.probabilisticSharpe, inSample: r.inSampleMeanScore, drawdowns: r.drawdowns });

describe('walk-forward trials on worker threads and as research/trial invocations through the local runtime', () => {
  let db: TestDb;
  let server: RuntimeServer;
  let runtime: Runtime;
  const apiKey = `${randomUUID()}:${randomBytes(24).toString('hex')}`;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDb();
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, runtimeEnvFor(db), { TRADING_MODE: 'sim', SIM_SYMBOLS: '6', CATALYST_ROOT: ROOT });
    // As npm start builds it: project.yml's functions over one runtime, the backtest engine as research/trial's, behind the invoke API.
    const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), env);
    const raw: Record<string, string | undefined> = { ...spec.environment, ...env };
    runtime = createRuntime(loadConfig(raw), { trialEngine: backtestTrialEngine({ env: raw }) });
    const functions = await loadFunctions(ROOT, spec.functions.filter((f) => f.id === 'research/trial'), runtime);
    server = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey });
  });
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    await db?.drop();
  });

  it('chooses_the_same_settings_per_fold_and_stitches_the_same_out_of_sample_result_either_way', async () => {
    const store = new PgResearchStore(db.pool);
    const now = () => performance.now();
    const threadOptions: BacktestTrialOptions = { history: HISTORY, env: { ...env, TRADING_MODE: 'backtest', LOG_LEVEL: 'error' }, from: FROM, to: TO };
    const threads = workerPoolInvoker({ workers: 2, modulePath: path.join(ROOT, 'lib/compose/research/backtest-trial.ts'), options: threadOptions });
    const study: TrialStudy = { history: HISTORY, from: FROM, to: TO };
    const invoked: string[] = [];
    const platform = new OpenWhiskInvoker({ apiHost: server.url, namespace: 'catalyst', apiKey });
    const remote: TrialInvoker = functionTrialInvoker({
      invoker: { invoke: (fn, params, o) => (invoked.push(fn), platform.invoke(fn, params, o)) },
      study, functionTimeoutMs: 900_000, sessionMs: 60_000, concurrency: 2,
    });
    let local: WalkForwardReport;
    try {
      local = await runWalkForward(SPEC('threads'), { invoker: threads, store, now });
    } finally {
      await threads.close();
    }
    const viaFunctions = await runWalkForward(SPEC('functions'), { invoker: remote, store, now });
    expect(viaFunctions.trialsRun).toBe(local.trialsRun);
    expect(invoked.length).toBe(local.trialsRun);
    expect(new Set(invoked)).toEqual(new Set(['research/trial']));
    expect(decisions(viaFunctions)).toEqual(decisions(local));
    expect(local.folds.every((f) => f.chosen !== null)).toBe(true);
    expect(local.outOfSample.digest).toMatch(/^[0-9a-f]{64}\+[0-9a-f]{64}$/);
  }, 600_000);

  it('refuses_before_sending_a_trial_whose_window_would_outlast_the_function_time_limit', async () => {
    const invoked: string[] = [];
    const remote = functionTrialInvoker({
      invoker: { invoke: async (fn) => (invoked.push(fn), { ok: false, error: { code: 'INTERNAL', message: 'never', retryable: false }, durationMs: 0 }) },
      study: { history: HISTORY, from: FROM, to: TO }, functionTimeoutMs: 900_000, sessionMs: 400_000, concurrency: 1,
    });
    await expect(remote.run({ key: 'long', point: {}, window: { from: FROM, to: TO } })).rejects.toThrow(/4 session\(s\) at about 400\.0 s each need about 1600 s, more than research\/trial's 900 s limit/);
    expect(invoked).toEqual([]);
  });

  it('answers_a_point_off_the_declared_space_as_a_failed_trial_naming_the_parameter_without_retrying', async () => {
    let calls = 0;
    const platform = new OpenWhiskInvoker({ apiHost: server.url, namespace: 'catalyst', apiKey });
    const remote = functionTrialInvoker({
      invoker: { invoke: (fn, params, o) => (calls++, platform.invoke(fn, params, o)) },
      study: { history: HISTORY, from: FROM, to: TO }, functionTimeoutMs: 900_000, sessionMs: 60_000, concurrency: 1,
    });
    await expect(remote.run({ key: 'off', point: { minScore: 0.99 }, window: { from: FROM, to: FROM } })).rejects.toThrow(/trial off failed in research\/trial after 1 attempt\(s\): BAD_REQUEST: request.point: settingsFor: minScore/);
    expect(calls).toBe(1);
  }, 120_000);
});
