import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The real market data that lives beside the checkout (../shared/data; never copied into the repository),
 * or wherever CATALYST_SHARED_DATA points. Nothing else: a machine without it skips the suites that need it.
 */
export const SHARED_DATA = process.env.CATALYST_SHARED_DATA || path.resolve(import.meta.dirname, '../../../shared/data');

/** A path inside the shared data folder. */
export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

export const HAS_SHARED_DATA = existsSync(path.join(SHARED_DATA, 'README.md'));

const said = new Set<string>();

/**
 * True (skip) when `parts` of the shared data are missing, after printing one line saying what is missing
 * and how to provide it. Use as `describe.skipIf(skipWithoutSharedData('bars'))(...)`.
 */
export function skipWithoutSharedData(...parts: string[]): boolean {
  const where = sharedData(...parts);
  if (existsSync(where)) return false;
  if (!said.has(where)) {
    said.add(where);
    process.stdout.write(`SKIPPED: needs the shared data ${where} (put ../shared/data beside the checkout or set CATALYST_SHARED_DATA)\n`);
  }
  return true;
}
