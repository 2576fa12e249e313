import * as z from 'zod/mini';
import { AppError } from '../shared/errors.ts';
import { cycleStore } from './stores.ts';

/** Postgres `bigint` ids and tokens, as JSON numbers: whole, positive, exactly representable. */
const BIGINT_ID = () => z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER));

/** The coordinator's fencing token a worker writes under (absent when run by hand). */
export const Fence = z.optional(BIGINT_ID());

/** The id of a cycle the coordinator opened. */
export const CycleId = BIGINT_ID();

/** Refuses (404) a cycle id the coordinator never opened, before any row is written under it. */
export async function requireCycle(cycleId: number): Promise<void> {
  if (!(await cycleStore().exists(cycleId))) throw new AppError('NOT_FOUND', `cycleId ${cycleId} is not a cycle the coordinator opened`);
}
