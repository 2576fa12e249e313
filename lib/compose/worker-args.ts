import { AppError } from '../shared/errors.ts';
import type { CycleStore } from '../ports/cycle-store.port.ts';

export { CycleId, Fence } from '../app/coordinator/contracts.ts';

/** Refuses (404) a cycle id the coordinator never opened, before any row is written under it. */
export async function requireCycle(cycles: Pick<CycleStore, 'exists'>, cycleId: number): Promise<void> {
  if (!(await cycles.exists(cycleId))) throw new AppError('NOT_FOUND', `cycleId ${cycleId} is not a cycle the coordinator opened`);
}
