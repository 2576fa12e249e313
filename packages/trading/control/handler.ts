import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { control } from '../../../lib/app/trading/control.ts';
import { executeConfig } from '../../../lib/compose/settings.ts';
import { executeDeps } from '../../../lib/compose/execution.ts';
import { getEnv } from '../../../lib/compose/runtime.ts';

const why = z.string().check(z.minLength(3), z.maxLength(500));
const Args = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['halt', 'reduce', 'resume', 'flatten', 'reset_high_water']), why }),
  z.object({ action: z.literal('close'), symbol: z.string().check(z.regex(/^[A-Z0-9./-]{1,15}$/)), why }),
]);

/** trading/control: the operator halts new entries, reduces only, resumes, flattens all or closes one symbol. */
export const main = webFunction(
  'trading/control',
  Args,
  executeDeps,
  async (input, { deps, principal }) => control(deps, { ...input, by: principal?.subject ?? 'unknown' }, executeConfig(getEnv())),
  { methods: ['POST'] },
);
