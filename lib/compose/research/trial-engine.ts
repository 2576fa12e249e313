import type { TrialEngine } from '../../lib/ports/trial-invoker.port.ts';
import { createPool } from '../../lib/adapters/postgres/pool.ts';
import { loadHistoryAssets } from '../../lib/adapters/replay/download/history-assets.repo.ts';
import { createTrialRunner, type BacktestTrialOptions } from './backtest-trial.ts';

/**
 * The local runtime's engine for research/trial: a study's runner over this host's environment (the same
 * settings a worker thread of `npm run optimize` starts from) and, for stored history, its DATABASE_URL and
 * the asset records history:download stored. The request never carries a database address.
 */
export function backtestTrialEngine(host: { root: string; env: Record<string, string | undefined> }): TrialEngine {
  return async (study) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(host.env)) if (v !== undefined && k !== 'DATABASE_URL') env[k] = v;
    Object.assign(env, { TRADING_MODE: 'backtest', LOG_LEVEL: 'error' });
    const base = { root: host.root, env, from: study.from, to: study.to, ...(study.symbols ? { symbols: study.symbols } : {}) };
    if (study.history.kind === 'synthetic') return createTrialRunner({ ...base, history: study.history });
    const url = host.env.DATABASE_URL;
    if (!url) throw new Error('research/trial: a study of stored history needs DATABASE_URL (where history:download stored it)');
    const pool = createPool({ url, max: 1, applicationName: 'catalyst-trial' });
    const assets = [...(await loadHistoryAssets(pool).catch(() => []).finally(() => pool.end()))];
    const options: BacktestTrialOptions = { ...base, history: { kind: 'stored', url }, ...(assets.length ? { assets } : {}) };
    return createTrialRunner(options);
  };
}
