import { worker } from '../../../lib/compose/worker.ts';
import { ExecuteContract } from '../../../lib/app/coordinator/contracts.ts';
import { executeEntries } from '../../../lib/app/trading/execute-entries.ts';
import { executeDeps } from '../../../lib/compose/execution.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';
import { manageExits } from '../../../lib/app/trading/manage-exits.ts';
import { flattenPositions } from '../../../lib/app/trading/flatten.ts';
import { executeConfig } from '../../../lib/compose/settings.ts';

/** trading/execute: entries from the cycle's signals through the risk gate, exit management (either of one market only, when given), or flatten. */
export const { main, create } = worker(ExecuteContract, (rt: Runtime) => ({ ...executeDeps(rt), config: executeConfig(rt.env) }), async (input, { deps: d }) => {
  const config = d.config;
  const fence = input.fence ?? null;
  const assetClass = input.market === undefined ? undefined : input.market === 'crypto' ? 'crypto' : 'us_equity';
  if (input.mode === 'entries') return executeEntries(d, input.cycleId, fence, config, assetClass);
  if (input.mode === 'exits') return manageExits(d, input.cycleId, fence, config, assetClass);
  return flattenPositions(d, input.cycleId, fence, config, { exitReason: input.exitReason ?? 'flatten_before_close', message: input.reason ?? 'flatten before the close', kind: 'flatten' });
});
