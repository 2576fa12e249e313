import path from 'node:path';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const src = path.join(ROOT, 'dashboard', 'src');

/**
 * Bundles dashboard/src into `out` (index.html, app.js, styles.css) and writes config.js with the API base
 * (already checked: public, no credentials). `npm run dashboard:build` writes dashboard/dist; a browser test
 * builds into its own folder, so tests running at once do not share one. Each file replaces the old one whole
 * (written aside, then renamed over it) and only files no longer built are removed, so a server reading `out`
 * meanwhile never sees a file missing or half-written.
 */
export async function buildDashboard(out: string, base: string): Promise<void> {
  const built = await build({
    entryPoints: { app: path.join(src, 'main.ts'), styles: path.join(src, 'styles.css') },
    outdir: out,
    write: false,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome109', 'safari15', 'firefox115'],
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files = new Map<string, string | Uint8Array>([
    ...built.outputFiles.map((f) => [path.basename(f.path), f.contents] as const),
    ['index.html', await readFile(path.join(src, 'index.html'))],
    ['config.js', `window.CATALYST_API_BASE = ${JSON.stringify(base)};\n`],
  ]);
  await mkdir(out, { recursive: true });
  const aside = await mkdtemp(path.join(path.dirname(out), '.dist-'));
  try {
    for (const [name, data] of files) {
      await writeFile(path.join(aside, name), data);
      await rename(path.join(aside, name), path.join(out, name));
    }
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
  for (const stale of (await readdir(out)).filter((f) => !files.has(f))) await rm(path.join(out, stale), { recursive: true, force: true });
}
