import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { buildDashboard } from './dashboard-bundle.ts';

/**
 * `npm run dashboard:build`: bundles dashboard/src into dashboard/dist (index.html, app.js, styles.css)
 * and writes config.js with the API base. Only CATALYST_API_BASE is read from the environment, so no
 * other setting (and no secret) can reach the bundle.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
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
await buildDashboard(out, base);

const sizes = await Promise.all(
  ['app.js', 'styles.css'].map(async (f) => {
    const data = await readFile(path.join(out, f));
    return `${f} ${(data.length / 1024).toFixed(1)} KB (gzip ${(gzipSync(data).length / 1024).toFixed(1)} KB)`;
  }),
);
console.log(`Dashboard built into ${path.relative(ROOT, out)}: ${sizes.join(', ')}; API base: ${base || 'same origin, local runtime'}`);
