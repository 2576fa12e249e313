import type { TrialEngine } from '../../ports/trial-invoker.port.ts';
import { createPool } from '../../adapters/postgres/pool.ts';
import { loadHistoryAssets } from '../../adapters/replay/download/history-assets.repo.ts';
import { withDeployedSettings } from '../../config/deployed-settings.ts';
import type { Runtime } from '../runtime.ts';
import { createTrialRunner, type BacktestTrialOptions } from './backtest-trial.ts';

/**
 * research/trial's engine: a study's runner over a host's environment (the same settings a worker thread of
 * `npm run optimize` starts from; deployed, CATALYST_SETTINGS unpacked) and, for stored history, its
 * DATABASE_URL (and DATABASE_CA_CERT) and the asset records history:download stored. The request never
 * carries a database address.
 */
export function backtestTrialEngine(host: { env: Record<string, string | undefined> }): TrialEngine {
  return async (study) => {
    const hostEnv = withDeployedSettings(host.env);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(hostEnv)) if (v !== undefined && k !== 'DATABASE_URL' && k !== 'DATABASE_CA_CERT') env[k] = v;
    Object.assign(env, { TRADING_MODE: 'backtest', LOG_LEVEL: 'error' });
    const base = { env, from: study.from, to: study.to, ...(study.symbols ? { symbols: study.symbols } : {}) };
    if (study.history.kind === 'synthetic') return createTrialRunner({ ...base, history: study.history });
    const url = hostEnv.DATABASE_URL;
    if (!url) throw new Error('research/trial: a study of stored history needs DATABASE_URL (where history:download stored it)');
    const caCert = hostEnv.DATABASE_CA_CERT;
    const pool = createPool({ url, ...(caCert ? { caCert } : {}), max: 1, applicationName: 'catalyst-trial' });
    const assets = [...(await loadHistoryAssets(pool).catch(() => []).finally(() => pool.end()))];
    const options: BacktestTrialOptions = { ...base, history: { kind: 'stored', url, ...(caCert ? { caCert } : {}) }, ...(assets.length ? { assets } : {}) };
    return createTrialRunner(options);
  };
}

/** The engine a runtime's research/trial runs trials with: its host's (the local runtime's), else the process environment's (deployed). */
export function trialEngineOf(rt: Runtime): TrialEngine {
  return rt.overrides.trialEngine ?? backtestTrialEngine({ env: process.env });
}
