import type * as z from 'zod/mini';
import { handler, type Call, type Main } from '../platform/handler.ts';
import { recordRunFor } from './stores.ts';
import { runtimeGeneration } from './runtime.ts';

/** A worker function (invoked by the coordinator, `web: false`): its own deps, built once; every run recorded. */
export function worker<S extends z.ZodMiniType, D, R>(name: string, schema: S, setup: () => D, run: (input: z.output<S>, call: Call<D>) => Promise<R>): Main {
  return handler({ name, schema, setup, run, recordRun: recordRunFor(name), generation: runtimeGeneration });
}
