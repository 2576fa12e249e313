import { AppError } from '../shared/errors.ts';
import { describeIssues, formatProblems, type FieldProblem } from '../shared/describe-issues.ts';
import { withDeployedSettings } from './deployed-settings.ts';
import { EnvSchema, LIVE_CONFIRMATION, TRADING_MODES, type Env } from './env.schema.ts';

type RawEnv = Record<string, string | undefined>;

/** A named rule across several variables, with the sentence shown when it is broken. */
interface CrossFieldRule {
  name: string;
  field: string;
  broken: (env: RawEnv) => boolean;
  sentence: string;
}

const RULES: readonly CrossFieldRule[] = [
  {
    name: 'live_requires_confirmation',
    field: 'LIVE_TRADING_CONFIRM',
    broken: (e) => e.TRADING_MODE === 'live' && e.LIVE_TRADING_CONFIRM !== LIVE_CONFIRMATION,
    sentence: `TRADING_MODE=live trades real money; set LIVE_TRADING_CONFIRM=${LIVE_CONFIRMATION} to allow it`,
  },
  {
    name: 'upstash_url_and_token_together',
    field: 'UPSTASH_REDIS_REST_TOKEN',
    broken: (e) => Boolean(e.UPSTASH_REDIS_REST_URL) !== Boolean(e.UPSTASH_REDIS_REST_TOKEN),
    sentence: 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together (or both left unset locally)',
  },
  {
    name: 'ca_cert_needs_database_url',
    field: 'DATABASE_CA_CERT',
    broken: (e) => Boolean(e.DATABASE_CA_CERT) && !e.DATABASE_URL,
    sentence: 'DATABASE_CA_CERT is only used with DATABASE_URL; set DATABASE_URL too',
  },
  {
    name: 'signal_weights_not_all_zero',
    field: 'STRATEGY_WEIGHT_NEWS',
    // The score divides by the weights' sum: all zero would make every signal NaN.
    broken: (e) => ['STRATEGY_WEIGHT_NEWS', 'STRATEGY_WEIGHT_SETUP', 'STRATEGY_WEIGHT_PATTERN', 'STRATEGY_WEIGHT_TREND'].every((k) => e[k] !== undefined && e[k] !== '' && Number(e[k]) === 0),
    sentence: 'STRATEGY_WEIGHT_NEWS, _SETUP, _PATTERN and _TREND are all 0: at least one signal weight must be positive',
  },
];

/** Drops empty strings, so `FOO=` in a .env file means "unset" rather than "invalid". */
function withoutEmpty(env: RawEnv): RawEnv {
  const out: RawEnv = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** Validates the environment; on any problem throws ONE CONFIG_INVALID error listing every problem. */
export function loadConfig(rawEnv: RawEnv): Env {
  const env = withoutEmpty(withDeployedSettings(rawEnv));
  env.TRADING_MODE ??= 'sim';
  const parsed = EnvSchema.safeParse(env, { reportInput: true });
  const problems: FieldProblem[] = [];
  if (!(TRADING_MODES as readonly string[]).includes(env.TRADING_MODE)) {
    problems.push({ field: 'TRADING_MODE', problem: `expected one of ${TRADING_MODES.join(', ')}` });
  } else if (!parsed.success) {
    problems.push(...describeIssues(parsed.error.issues));
  }
  for (const rule of RULES) {
    if (rule.broken(env)) problems.push({ field: rule.field, problem: `${rule.sentence} (rule ${rule.name})` });
  }
  if (problems.length > 0 || !parsed.success) {
    // Never echo a value: a mistyped mode may be a pasted secret. A valid mode is one of four words.
    const mode = (TRADING_MODES as readonly string[]).includes(env.TRADING_MODE) ? `TRADING_MODE=${env.TRADING_MODE}` : 'an invalid TRADING_MODE';
    const message = `Invalid configuration for ${mode}: ${problems.length} problem${
      problems.length === 1 ? '' : 's'
    }\n${formatProblems(problems)}\nSee .env.example for every variable and its default.`;
    const code = problems.some((p) => p.field === 'LIVE_TRADING_CONFIRM') ? 'LIVE_NOT_CONFIRMED' : 'CONFIG_INVALID';
    throw new AppError(code, message, { details: { problems } });
  }
  return parsed.data;
}

/** The words printed on every start in live mode, so nobody trades real money by accident. */
export function modeBanner(env: Env): string {
  switch (env.TRADING_MODE) {
    case 'live':
      return '!!! LIVE TRADING: orders go to your real Alpaca account with REAL MONEY !!!';
    case 'paper':
      return 'Paper trading: orders go to Alpaca paper (no real money).';
    case 'backtest':
      return 'Backtest: stored history (bars and news) replayed minute by minute as fast as the machine goes, simulated fills.';
    case 'sim':
      return 'Simulation: synthetic market and news, simulated fills (no keys, no internet).';
  }
}
