import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionSpec } from './project-spec.ts';
import type { Runtime } from '../lib/compose/runtime.ts';
import type { MainFn } from '../lib/compose/functions/backtest-functions.ts';

export type { MainFn };

export interface LoadedFunction {
  spec: FunctionSpec;
  main: MainFn;
}

/**
 * Imports each function's source handler (`packages/<pkg>/<fn>/handler.ts`) in this process and builds it
 * over `runtime` (its `create`); several runtimes may hold their own instances side by side.
 */
export async function loadFunctions(root: string, specs: readonly FunctionSpec[], runtime: Runtime): Promise<Map<string, LoadedFunction>> {
  const out = new Map<string, LoadedFunction>();
  for (const spec of specs) {
    const file = path.join(root, 'packages', spec.package, spec.name, 'handler.ts');
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    if (typeof mod[spec.main] !== 'function') throw new Error(`${file} does not export ${spec.main}()`);
    const create = mod.create;
    if (typeof create !== 'function') throw new Error(`${file} does not export create(runtime)`);
    out.set(spec.id, { spec, main: (create as (rt: Runtime) => MainFn)(runtime) });
  }
  return out;
}
