import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

/**
 * `npm run dashboard:build`: bundles dashboard/src into dashboard/dist (index.html, app.js, styles.css)
 * and writes config.js with the API base. Only CATALYST_API_BASE is read from the environment, so no
 * other setting (and no secret) can reach the bundle. Each file is replaced whole, so two builds at once
 * (the dashboard's and the CORS browser tests) are safe.
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
// Each file replaces the old one whole (written aside, then renamed over it), and only files no longer built are
// removed: a server reading dashboard/dist meanwhile (npm start, another build's test) never sees it missing or half-written.
const aside = await mkdtemp(path.join(ROOT, 'dashboard', '.dist-'));
await mkdir(out, { recursive: true });
for (const [name, data] of files) {
  await writeFile(path.join(aside, name), data);
  await rename(path.join(aside, name), path.join(out, name));
}
await rm(aside, { recursive: true, force: true });
for (const stale of (await readdir(out)).filter((f) => !files.has(f))) await rm(path.join(out, stale), { recursive: true, force: true });

const sizes = await Promise.all(
  ['app.js', 'styles.css'].map(async (f) => {
    const data = await readFile(path.join(out, f));
    return `${f} ${(data.length / 1024).toFixed(1)} KB (gzip ${(gzipSync(data).length / 1024).toFixed(1)} KB)`;
  }),
);
console.log(`Dashboard built into ${path.relative(ROOT, out)}: ${sizes.join(', ')}; API base: ${base || 'same origin, local runtime'}`);
