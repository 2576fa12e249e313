import { existsSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DATA } from '../../../test/support/shared-data.ts';

/** The real market data beside the checkout (../shared/data); CI has it, a fresh machine may not. */
export { SHARED_DATA };
export const HAS_SHARED_DATA = existsSync(path.join(SHARED_DATA, 'bars'));

/** A file of the shared data set. */
export function sharedFile(relative: string): string {
  return path.join(SHARED_DATA, relative);
}
