import path from 'node:path';
import { SHARED_DATA, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

/** The real market data beside the checkout (../shared/data); CI has it, a fresh machine may not. */
export { SHARED_DATA };
/** Whether the data is there; when not, one line says what is missing. */
export const HAS_SHARED_DATA = !skipWithoutSharedData('bars');

/** A file of the shared data set. */
export function sharedFile(relative: string): string {
  return path.join(SHARED_DATA, relative);
}
