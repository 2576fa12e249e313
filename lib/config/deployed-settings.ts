import { AppError } from '../shared/errors.ts';

/**
 * Deployed, every setting travels in ONE environment variable: project.yml sets
 * `CATALYST_SETTINGS` to the deployer's file substitution `${<.env}`, i.e. the whole of `.env` as a JSON
 * object of strings (kept a string by a YAML block scalar). Values then arrive byte-identical (no YAML
 * typing, quoting or `#` truncation) and unset optional settings cannot make the deploy fail.
 */
export const SETTINGS_VARIABLE = 'CATALYST_SETTINGS';

type RawEnv = Record<string, string | undefined>;

/** The settings carried by CATALYST_SETTINGS (none when it is unset); throws CONFIG_INVALID naming it when malformed. */
export function decodeDeployedSettings(raw: string | undefined): Record<string, string> {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError('CONFIG_INVALID', `${SETTINGS_VARIABLE} must be a JSON object of strings (project.yml sets it to \${<.env}); it is not JSON`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppError('CONFIG_INVALID', `${SETTINGS_VARIABLE} must be a JSON object of strings; found ${Array.isArray(parsed) ? 'an array' : typeof parsed}`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'string') throw new AppError('CONFIG_INVALID', `${SETTINGS_VARIABLE}.${k} must be a string; found ${typeof v}`);
    out[k] = v;
  }
  return out;
}

/** The environment with CATALYST_SETTINGS unpacked under it: a variable set (non-empty) in the environment wins. */
export function withDeployedSettings(env: RawEnv): RawEnv {
  const settings = decodeDeployedSettings(env[SETTINGS_VARIABLE]);
  const out: RawEnv = { ...settings };
  for (const [k, v] of Object.entries(env)) if (k !== SETTINGS_VARIABLE && v !== undefined && v !== '') out[k] = v;
  return out;
}
