import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

/**
 * `npm run dashboard:build`: bundles dashboard/src into dashboard/dist (index.html, app.js, styles.css)
 * and writes config.js with the API base. Only CATALYST_API_BASE is read from the environment, so no
 * other setting (and no secret) can reach the bundle.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const src = path.join(ROOT, 'dashboard', 'src');
const out = path.join(ROOT, 'dashboard', 'dist');

function apiBase(raw: string): string {
  if (!raw) return '';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error('CATALYST_API_BASE must be an absolute URL (https://faas-<region>-<id>.doserverless.co/api/v1/web/fn-<uuid>)');
  }
  // The base is public: anything that looks like a credential in it would ship to every browser.
  if (u.username || u.password || u.search) throw new Error('CATALYST_API_BASE must not carry credentials or a query string');
  return u.toString().replace(/\/+$/, '');
}

const base = apiBase(process.env.CATALYST_API_BASE ?? '');
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

const sizes = await Promise.all(
  ['app.js', 'styles.css'].map(async (f) => {
    const data = await readFile(path.join(out, f));
    return `${f} ${(data.length / 1024).toFixed(1)} KB (gzip ${(gzipSync(data).length / 1024).toFixed(1)} KB)`;
  }),
);
console.log(`Dashboard built into ${path.relative(ROOT, out)}: ${sizes.join(', ')}; API base: ${base || 'same origin, local runtime'}`);
