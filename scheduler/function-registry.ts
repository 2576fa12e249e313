import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionSpec } from './project-spec.ts';
import type { FunctionResponse, InvocationContext } from '../lib/platform/envelope.ts';

export type MainFn = (args: unknown, context?: InvocationContext) => Promise<FunctionResponse | Record<string, unknown>>;

export interface LoadedFunction {
  spec: FunctionSpec;
  main: MainFn;
}

/** Imports each function's source handler (`packages/<pkg>/<fn>/handler.ts`) in this process. */
export async function loadFunctions(root: string, specs: readonly FunctionSpec[]): Promise<Map<string, LoadedFunction>> {
  const out = new Map<string, LoadedFunction>();
  for (const spec of specs) {
    const file = path.join(root, 'packages', spec.package, spec.name, 'handler.ts');
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const main = mod[spec.main];
    if (typeof main !== 'function') throw new Error(`${file} does not export ${spec.main}()`);
    out.set(spec.id, { spec, main: main as MainFn });
  }
  return out;
}
