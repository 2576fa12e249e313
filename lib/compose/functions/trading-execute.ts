import { worker } from '../worker.ts';
import { ExecuteContract } from '../../app/coordinator/contracts.ts';
import { requireCycle } from '../worker-args.ts';
import { cycleStore } from '../stores.ts';
import { executeEntries } from '../../app/trading/execute-entries.ts';
import { executeDeps } from '../execution.ts';
import type { Runtime } from '../runtime.ts';
import { manageExits } from '../../app/trading/manage-exits.ts';
import { flattenPositions } from '../../app/trading/flatten.ts';
import { executeConfig } from '../settings.ts';

/** trading/execute: entries from the cycle's signals through the risk gate, exit management (either of one market only, when given), or flatten. */
export const { main, create } = worker(ExecuteContract, (rt: Runtime) => ({ ...executeDeps(rt), config: executeConfig(rt.env), cycles: cycleStore(rt), flattenCrypto: rt.env.FLATTEN_CRYPTO_AT_CLOSE }), async (input, { deps: d }) => {
  await requireCycle(d.cycles, input.cycleId);
  const config = d.config;
  const fence = input.fence ?? null;
  const assetClass = input.market === undefined ? undefined : input.market === 'crypto' ? 'crypto' : 'us_equity';
  if (input.mode === 'entries') return executeEntries(d, input.cycleId, fence, config, assetClass);
  if (input.mode === 'exits') return manageExits(d, input.cycleId, fence, config, assetClass);
  const exitReason = input.exitReason ?? 'flatten_before_close';
  // The daily close-out is the stock close: equities only, unless configured (the dead man's switch takes all).
  const scope = exitReason === 'dead_man_switch' || d.flattenCrypto ? {} : { assetClasses: ['us_equity' as const] };
  return flattenPositions(d, input.cycleId, fence, config, { exitReason, message: input.reason ?? 'flatten before the close', kind: 'flatten' }, scope);
});
