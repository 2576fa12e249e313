import type { ParameterPoint, ParameterRange } from '../../lib/domain/research/parameter-sampling.ts';

/**
 * The settings a study may tune until the declared parameter space (lib/config/parameter-space.ts, issue 18
 * item 2) is merged: risk settings live trading already reads from the environment, with ranges inside what
 * its schema accepts (lib/config/sections/operations.ts). At integration, PARAMETER_SPACE maps onto
 * ParameterRange[] and its settingsFor(point) replaces settingsFor below.
 */
export const TUNABLE_SETTINGS: readonly ParameterRange[] = [
  { name: 'RISK_PER_TRADE_PCT', min: 0.25, max: 1.5, step: 0.25 },
  { name: 'MAX_OPEN_POSITIONS', min: 1, max: 8, step: 1 },
  { name: 'MAX_POSITION_PCT', min: 10, max: 40, step: 5 },
];

/** The environment overrides of a point (the run's configuration is still validated by loadConfig). */
export function settingsFor(point: ParameterPoint): Record<string, string> {
  return Object.fromEntries(Object.entries(point).map(([k, v]) => [k, String(v)]));
}
