import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { CycleId, Fence, requireCycle } from '../../../lib/compose/worker-args.ts';
import { executeEntries } from '../../../lib/app/trading/execute-entries.ts';
import { executeDeps } from '../../../lib/compose/execution.ts';
import { getEnv } from '../../../lib/compose/runtime.ts';
import { manageExits } from '../../../lib/app/trading/manage-exits.ts';
import { flattenPositions } from '../../../lib/app/trading/flatten.ts';
import { executeConfig } from '../../../lib/compose/settings.ts';

const Args = z.object({
  cycleId: CycleId,
  fence: Fence,
  mode: z.enum(['entries', 'exits', 'flatten']),
  reason: z.optional(z.string().check(z.maxLength(500))),
  market: z.optional(z.enum(['stocks', 'crypto'])),
});

/** trading/execute: entries from the cycle's signals through the risk gate, exit management (either of one market only, when given), or flatten. */
export const main = worker('trading/execute', Args, executeDeps, async (input, { deps: d }) => {
  await requireCycle(input.cycleId);
  const config = executeConfig(getEnv());
  const fence = input.fence ?? null;
  const assetClass = input.market === undefined ? undefined : input.market === 'crypto' ? 'crypto' : 'us_equity';
  if (input.mode === 'entries') return executeEntries(d, input.cycleId, fence, config, assetClass);
  if (input.mode === 'exits') return manageExits(d, input.cycleId, fence, config, assetClass);
  const dead = input.reason?.startsWith('dead man') ?? false;
  // The daily close-out is the stock close: equities only, unless configured (the dead man's switch takes all).
  const scope = dead || getEnv().FLATTEN_CRYPTO_AT_CLOSE ? {} : { assetClasses: ['us_equity' as const] };
  return flattenPositions(d, input.cycleId, fence, config, { exitReason: dead ? 'dead_man_switch' : 'flatten_before_close', message: input.reason ?? 'flatten before the close', kind: 'flatten' }, scope);
});
