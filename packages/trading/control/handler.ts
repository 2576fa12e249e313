import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { control } from '../../../lib/app/trading/control.ts';
import { executeConfig } from '../../../lib/compose/settings.ts';

const why = z.string().check(z.minLength(3), z.maxLength(500));
const Args = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['halt', 'reduce', 'resume', 'flatten', 'reset_high_water']), why }),
  z.object({ action: z.literal('close'), symbol: z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/)), why }),
]);

/** trading/control: the operator halts new entries, reduces only, resumes, flattens all or closes one symbol. */
export const main = webFunction(
  'trading/control',
  Args,
  async (input, { deps, principal }) => {
    const w = deps.world;
    const by = principal?.subject ?? 'unknown';
    const d = { broker: w.broker, marketData: w.marketData, analysis: deps.analysis, state: deps.state, trading: deps.trading, clock: w.clock, notifier: deps.notifier, log: deps.log };
    return control(d, { ...input, by }, executeConfig(deps.env));
  },
  { methods: ['POST'] },
);
