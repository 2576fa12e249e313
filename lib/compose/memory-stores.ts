import type { Clock } from '../ports/clock.port.ts';
import type { StoreSet } from './store-set.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Every store of a backtest in memory, over the backtest's clock: the fast default of `npm run backtest`.
 * A placeholder on this branch: the in-memory stores (lib/adapters/memory/*) are written on other branches
 * and the integrator replaces this body with their composition.
 */
export function memoryStores(options: { clock: Clock }): StoreSet {
  void options;
  throw new AppError('CONFIG_INVALID', 'The in-memory stores are not merged yet: run the backtest with --db (Postgres replay) for now');
}
