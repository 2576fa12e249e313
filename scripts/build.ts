import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { build, type BuildOptions } from 'esbuild';
import { loadProjectSpec, type FunctionSpec } from '../scheduler/project-spec.ts';
import { bundleProblems, projectModules } from './bundle-contents.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** How a deployed function is bundled: one minified CommonJS file for Node 22 (the bench bundles with it too). */
export const FUNCTION_BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Never in a function: the embedded database is for the local runtime only; pg-native is optional.
  external: ['pg-native', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
  // Deployed functions trade paper or live: the simulator stays out of the bundles (see bundle-target.ts), but for
  // research/trial's backtests, which bring it themselves.
  define: { CATALYST_BUNDLE: '"deployed"' },
};

export interface BuiltFunction {
  id: string;
  file: string;
  bytes: number;
  /** The project's modules in the bundle (repository-relative paths). */
  modules: string[];
}

/**
 * Bundles one function as `npm run build` does: its handler into one minified CommonJS file, by default
 * `packages/<pkg>/<fn>/index.js` with the `.include` that ships it alone (elsewhere, e.g. a test's folder, the file only).
 */
export async function buildFunction(f: Pick<FunctionSpec, 'id' | 'package' | 'name'>, outfile?: string): Promise<BuiltFunction> {
  const dir = path.join(ROOT, 'packages', f.package, f.name);
  const file = outfile ?? path.join(dir, 'index.js');
  const result = await build({ ...FUNCTION_BUNDLE_OPTIONS, entryPoints: [path.join(dir, 'handler.ts')], outfile: file, metafile: true });
  const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? 0;
  if (!outfile) await writeFile(path.join(dir, '.include'), 'index.js\n');
  return { id: f.id, file, bytes, modules: projectModules(result.metafile) };
}

/**
 * Bundles each function of project.yml into one minified CommonJS file, `packages/<pkg>/<fn>/index.js`,
 * which its `.include` ships alone: `doctl serverless deploy` then needs no `npm install`.
 */
export async function buildFunctions(onProgress: (line: string) => void = () => undefined): Promise<BuiltFunction[]> {
  const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), {});
  const out: BuiltFunction[] = [];
  for (const [i, f] of spec.functions.entries()) {
    const built = await buildFunction(f);
    out.push(built);
    onProgress(`[${i + 1}/${spec.functions.length}] ${f.id.padEnd(28)} ${(built.bytes / 1024).toFixed(1).padStart(8)} KB`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('Bundling functions (esbuild, minified, CommonJS, node22):');
  const built = await buildFunctions((l) => console.log(`  ${l}`));
  const total = built.reduce((n, b) => n + b.bytes, 0);
  const problems = built.flatMap((b) => bundleProblems(b.id, b.modules));
  for (const p of problems) console.error(`  ${p}`);
  if (problems.length) {
    console.error(`${problems.length} bundle(s) carry what they do not use (scripts/bundle-contents.ts).`);
    process.exit(1);
  }
  console.log(`Built ${built.length} function(s), ${(total / 1024).toFixed(1)} KB in all; read-only functions carry no writer or broker. Deploy with: doctl serverless deploy .`);
}
