import * as z from 'zod/mini';

/**
 * The declared parameter space of research: the strategy and risk settings a study or an optimiser may
 * tune, each with its range and step. Every point of it is a valid live configuration (the env variable
 * named here, parsed by lib/config/env.schema.ts): a property test in parameter-space.test.ts proves it, so
 * a study cannot recommend something live trading would reject.
 */
export interface ParameterSpec {
  /** The name in a ParameterPoint. */
  name: string;
  /** The environment variable that carries it into a run (lib/config/sections). */
  env: string;
  min: number;
  max: number;
  /** Values are min + k × step, k = 0, 1, ... up to max. */
  step: number;
  /** The value live trading uses today (the env default). */
  default: number;
  /** What it is, with its unit. */
  doc: string;
}

const spec = <N extends string>(name: N, env: string, min: number, max: number, step: number, value: number, doc: string) => ({ name, env, min, max, step, default: value, doc });

/** The tunable settings, in a fixed order (samplers and reports rely on it). */
export const PARAMETER_SPACE = [
  spec('minScore', 'STRATEGY_MIN_SCORE', 0.35, 0.8, 0.05, 0.55, 'signal score (0..1) an entry needs'),
  spec('stopAtr', 'STRATEGY_STOP_ATR', 1, 4, 0.25, 2, 'initial stop distance, one-minute ATR(14)s, when no setup level is closer'),
  spec('rewardRisk', 'STRATEGY_REWARD_RISK', 1, 4, 0.25, 2, 'take profit at this many R'),
  spec('weightNews', 'STRATEGY_WEIGHT_NEWS', 0.1, 0.7, 0.05, 0.4, "weight of the catalyst (news) in the signal; never 0, so the weights' sum stays positive"),
  spec('weightSetup', 'STRATEGY_WEIGHT_SETUP', 0, 0.5, 0.05, 0.25, 'weight of the best recent setup in the signal'),
  spec('weightPattern', 'STRATEGY_WEIGHT_PATTERN', 0, 0.3, 0.05, 0.1, 'weight of candle patterns in the signal'),
  spec('weightTrend', 'STRATEGY_WEIGHT_TREND', 0, 0.5, 0.05, 0.25, "weight of the indicators' vote in the signal"),
  spec('newsHalfLifeMinutes', 'SCANNER_NEWS_HALF_LIFE_MINUTES', 30, 240, 15, 90, "minutes in which a story's catalyst score halves"),
  spec('minCatalyst', 'SCANNER_MIN_CATALYST', 0.05, 0.5, 0.05, 0.05, 'weakest catalyst score (absolute, 0..1) that makes a candidate'),
  spec('riskPerTradePct', 'RISK_PER_TRADE_PCT', 0.25, 1.5, 0.25, 0.5, 'equity risked per trade (entry to stop), percent'),
  spec('maxOpenPositions', 'MAX_OPEN_POSITIONS', 1, 10, 1, 5, 'open positions at most'),
] as const satisfies readonly ParameterSpec[];

export type ParameterName = (typeof PARAMETER_SPACE)[number]['name'];

/** One point of the space: a value for every parameter. */
export type ParameterPoint = Readonly<Record<ParameterName, number>>;

// Steps like 0.05 are not exact in binary: values are compared and printed at this precision.
const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** How many steps a parameter has above its minimum. */
export function stepsOf(p: ParameterSpec): number {
  return Math.round((p.max - p.min) / p.step);
}

/** The parameter's k-th value (k = 0 .. stepsOf(p)), clamped to the range. */
export function valueAt(p: ParameterSpec, k: number): number {
  return round(p.min + Math.max(0, Math.min(stepsOf(p), Math.round(k))) * p.step);
}

/** Every value a parameter may take, smallest first. */
export function valuesOf(p: ParameterSpec): number[] {
  return Array.from({ length: stepsOf(p) + 1 }, (_, k) => valueAt(p, k));
}

const onGrid = (p: ParameterSpec) => (x: number) => Math.abs((x - p.min) / p.step - Math.round((x - p.min) / p.step)) < 1e-6;

/** A point, checked at the edge: every parameter present, in its range, on its step. */
export const ParameterPointSchema = z.strictObject(
  Object.fromEntries(
    PARAMETER_SPACE.map((p) => [
      p.name,
      z.number().check(z.gte(p.min), z.lte(p.max), z.refine(onGrid(p), `expected a multiple of ${p.step} from ${p.min}`)),
    ]),
  ) as Record<ParameterName, z.ZodMiniNumber<number>>,
);

/** The point live trading runs today (every parameter at its default). */
export function defaultPoint(): ParameterPoint {
  return Object.fromEntries(PARAMETER_SPACE.map((p) => [p.name, p.default])) as ParameterPoint;
}

/** The point at unit coordinates u ∈ [0, 1]^n (one per parameter, in PARAMETER_SPACE order), snapped to the steps: what a sampler draws. */
export function pointAt(u: readonly number[]): ParameterPoint {
  if (u.length !== PARAMETER_SPACE.length) throw new Error(`pointAt: expected ${PARAMETER_SPACE.length} coordinates, got ${u.length}`);
  return Object.fromEntries(PARAMETER_SPACE.map((p, i) => [p.name, valueAt(p, Math.floor(Math.min(0.999_999_999, Math.max(0, u[i]!)) * (stepsOf(p) + 1)))])) as ParameterPoint;
}

/**
 * The environment overrides that make a run use `point` (a backtest's BacktestOptions.env, a worker's
 * environment): one variable per parameter, as the env schema reads it. Throws naming the parameter when
 * the point is off the space.
 */
export function settingsFor(point: ParameterPoint): Record<string, string> {
  const parsed = ParameterPointSchema.safeParse(point);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`settingsFor: ${issue.path.join('.') || 'point'}: ${issue.message}`);
  }
  return Object.fromEntries(PARAMETER_SPACE.map((p) => [p.env, String(round(point[p.name]))]));
}
