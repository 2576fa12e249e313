import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The real market data that lives beside the checkout (../shared/data; never copied into the repository).
 * A clone elsewhere finds it through CATALYST_SHARED_DATA, or at /work/shared/data where this project is
 * developed and run by CI.
 */
function locate(): string {
  const candidates = [
    process.env.CATALYST_SHARED_DATA,
    path.resolve(import.meta.dirname, '../../../shared/data'),
    '/work/shared/data',
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(path.join(p, 'README.md'))) ?? candidates[1]!;
}

export const SHARED_DATA = locate();

/** A path inside the shared data folder. */
export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

export const HAS_SHARED_DATA = existsSync(path.join(SHARED_DATA, 'README.md'));
