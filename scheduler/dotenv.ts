import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Loads `file` into `env` without overriding what is already set (the environment wins, as with doctl).
 * Parsing is Node's own dotenv reader (`util.parseEnv`, the one behind `--env-file` and
 * `process.loadEnvFile`); `loadEnvFile` itself is not used because it writes only to `process.env`, and
 * callers (tests, the local runtime) load into an env object of their own.
 */
export function loadDotenv(file: string, env: Record<string, string | undefined> = process.env): string[] {
  if (!existsSync(file)) return [];
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  const applied: string[] = [];
  for (const [k, v] of Object.entries(parsed)) {
    if (env[k] === undefined) {
      env[k] = v;
      applied.push(k);
    }
  }
  return applied;
}
