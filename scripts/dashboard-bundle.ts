import path from 'node:path';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const src = path.join(ROOT, 'dashboard', 'src');

/**
 * Bundles dashboard/src into `out` (index.html, app.js, styles.css) and writes config.js with the API base
 * (already checked: public, no credentials). `npm run dashboard:build` writes dashboard/dist; a browser test
 * builds into its own folder, so tests running at once do not share one.
 */
export async function buildDashboard(out: string, base: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: { app: path.join(src, 'main.ts'), styles: path.join(src, 'styles.css') },
    outdir: out,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome109', 'safari15', 'firefox115'],
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await copyFile(path.join(src, 'index.html'), path.join(out, 'index.html'));
  await writeFile(path.join(out, 'config.js'), `window.CATALYST_API_BASE = ${JSON.stringify(base)};\n`);
}
