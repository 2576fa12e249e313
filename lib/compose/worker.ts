import type * as z from 'zod/mini';
import { handler, type Call, type Main } from '../platform/handler.ts';
import { deps } from './deps.ts';
import { recordRunFor } from './stores.ts';

type Deps = ReturnType<typeof deps>;

/** A worker function (invoked by the coordinator, `web: false`): built deps, recorded runs. */
export function worker<S extends z.ZodMiniType, R>(name: string, schema: S, run: (input: z.output<S>, call: Call<Deps>) => Promise<R>): Main {
  return handler({ name, schema, setup: deps, run, recordRun: recordRunFor(name) });
}
