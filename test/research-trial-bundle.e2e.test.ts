import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../scripts/build.ts';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { recordedSyntheticHistory } from '../scheduler/backtest-history.ts';
import { workerPoolInvoker } from '../lib/adapters/research/worker-pool.invoker.ts';
import type { BacktestTrialOptions } from '../lib/compose/research/backtest-trial.ts';
import { TrialContract } from '../lib/ports/trial-contract.ts';
import { defaultPoint } from '../lib/config/parameter-space.ts';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';
import type { TrialRequest, TrialStudy } from '../lib/ports/trial-invoker.port.ts';
import type { TrialResult } from '../lib/domain/research/trial.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FROM = '2026-11-16';
const TO = '2026-11-17';
// Ten symbols of seed 4's 150-symbol market, two sessions: small, and with a trade in them.
const SYMBOLS = ['EMXC', 'ARDM', 'XANI', 'CRS', 'RHO', 'ARD', 'ARDN', 'ARDQ', 'AST', 'ASTC'];
const SYNTHETIC = { kind: 'synthetic' as const, seed: 4, symbols: 150, newsRate: 6 };
const request = (to: string): TrialRequest => ({ key: `bundle-test-${to}`, point: defaultPoint(), window: { from: FROM, to } });

// The deployed function as the platform runs it: the built index.js required by a plain node (no tsx, no
// package.json next to it), `main(args)` called once, the answer printed as the last line.
const INVOKE = `require(process.argv[1]).main(JSON.parse(process.argv[2])).then((r) => { process.stdout.write('\\n' + JSON.stringify(r)); process.exit(0); }, (e) => { console.error(e); process.exit(1); })`;

describe('research/trial as deployed: its built bundle runs a trial like a worker thread', () => {
  let db: TestDb;
  let dir: string;
  let bundle: string;
  let deployedEnv: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDb();
    dir = mkdtempSync(path.join(os.tmpdir(), 'trial-fn-'));
    bundle = (await buildFunction({ id: 'research/trial', package: 'research', name: 'trial' }, path.join(dir, 'index.js'))).file;
    // Deployed, every setting arrives inside CATALYST_SETTINGS (project.yml: the whole .env as JSON); the function trades paper.
    const settings = {
      ...runtimeEnvFor(db),
      TRADING_MODE: 'paper',
      APCA_API_KEY_ID: 'PKTRIALBUNDLE',
      APCA_API_SECRET_KEY: 'trial-bundle-secret-not-real',
      FUNCTIONS_API_HOST: 'http://127.0.0.1:9',
      FUNCTIONS_API_KEY: 'trial:key',
      DASHBOARD_PASSWORD_HASH: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
      AUTH_TOKEN_SECRET: 'trial-bundle-token-secret-of-at-least-32-characters',
    };
    deployedEnv = { PATH: process.env.PATH ?? '', CATALYST_SETTINGS: JSON.stringify(settings) };
  }, 120_000);
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  async function deployed(study: TrialStudy): Promise<TrialResult> {
    const args = JSON.stringify({ request: request(study.to), study });
    const { stdout } = await promisify(execFile)(process.execPath, [`--max-old-space-size=1024`, '-e', INVOKE, bundle, args], { env: deployedEnv, cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    const res = JSON.parse(stdout.trim().split('\n').at(-1)!) as { statusCode: number; body: unknown };
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    return TrialContract.answer.parse(typeof res.body === 'string' ? JSON.parse(res.body) : res.body) as TrialResult;
  }

  async function onThread(options: BacktestTrialOptions): Promise<TrialResult> {
    const threads = workerPoolInvoker({ workers: 1, modulePath: path.join(ROOT, 'lib/compose/research/backtest-trial.ts'), options });
    try {
      return await threads.run(request(options.to));
    } finally {
      await threads.close();
    }
  }

  it('answers_a_synthetic_trial_with_the_worker_threads_result_digest_included', async () => {
    const study: TrialStudy = { history: SYNTHETIC, from: FROM, to: TO, symbols: SYMBOLS };
    const [fromBundle, fromThread] = await Promise.all([
      deployed(study),
      onThread({ history: SYNTHETIC, env: { TRADING_MODE: 'backtest', LOG_LEVEL: 'error' }, from: FROM, to: TO, symbols: SYMBOLS }),
    ]);
    expect(fromBundle).toEqual(fromThread);
    expect(fromBundle.sessionReturns).toHaveLength(2);
    expect(fromBundle.metrics.trades).toBeGreaterThan(0);
    expect(fromBundle.digest).toMatch(/^[0-9a-f]{64}$/);
  }, 300_000);

  it('answers_a_trial_of_stored_history_read_through_its_own_DATABASE_URL', async () => {
    const env = runtimeEnvFor(db);
    const pool = createPool({ url: env.DATABASE_URL!, max: 1 });
    const market = createSyntheticMarket({ seed: SYNTHETIC.seed, start: addDays(FROM, -70), symbols: SYNTHETIC.symbols, crypto: false, newsRate: SYNTHETIC.newsRate });
    // One session: what this case adds is the history's way in (the function's own DATABASE_URL), not the replay.
    await recordedSyntheticHistory(pool, market, { from: FROM, to: FROM, symbols: SYMBOLS }, () => undefined).finally(() => pool.end());
    const study: TrialStudy = { history: { kind: 'stored' }, from: FROM, to: FROM, symbols: SYMBOLS };
    const [fromBundle, fromThread] = await Promise.all([
      deployed(study),
      onThread({ history: { kind: 'stored', url: env.DATABASE_URL! }, env: { TRADING_MODE: 'backtest', LOG_LEVEL: 'error' }, from: FROM, to: FROM, symbols: SYMBOLS }),
    ]);
    expect(fromBundle).toEqual(fromThread);
    expect(fromBundle.sessionReturns).toHaveLength(1);
  }, 300_000);
});
