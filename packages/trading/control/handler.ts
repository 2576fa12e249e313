import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { control } from '../../../lib/app/trading/control.ts';
import { executeConfig } from '../../../lib/compose/settings.ts';
import { executeDeps } from '../../../lib/compose/execution.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';

const why = z.string().check(z.minLength(3), z.maxLength(500));
const Args = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['halt', 'reduce', 'resume', 'flatten', 'reset_high_water']), why }),
  z.object({ action: z.literal('close'), symbol: z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/)), why }),
]);

/** trading/control: the operator halts new entries, reduces only, resumes, flattens all or closes one symbol. */
export const { main, create } = webFunction(
  'trading/control',
  Args,
  (rt: Runtime) => ({ execute: executeDeps(rt), config: executeConfig(rt.env) }),
  async (input, { deps, principal }) => control(deps.execute, { ...input, by: principal?.subject ?? 'unknown' }, deps.config),
  { methods: ['POST'] },
);
