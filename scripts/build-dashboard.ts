import path from 'node:path';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';

/** `npm run dashboard:build`: copies the static dashboard into dashboard/dist with its API base. */
const ROOT = path.resolve(import.meta.dirname, '..');
const out = path.join(ROOT, 'dashboard', 'dist');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await cp(path.join(ROOT, 'dashboard', 'src'), out, { recursive: true });
const base = process.env.CATALYST_API_BASE ?? '';
await writeFile(path.join(out, 'config.js'), `window.CATALYST_API_BASE = ${JSON.stringify(base)};\n`);
console.log(`Dashboard built into ${path.relative(ROOT, out)} (API base: ${base || 'same origin, local runtime'})`);
