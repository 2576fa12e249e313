import type http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HttpProblem } from './http-basics.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Serves a file below `dir` (a folder's `index.html`); false when there is none, or the path leaves `dir`. */
export async function serveStatic(dir: string, pathname: string, res: http.ServerResponse): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpProblem(400, 'Malformed percent-escape in the path');
  }
  if (decoded.includes('\0')) return false;
  const safe = path.normalize(decoded).replace(/^([/\\])+/, '');
  let file = path.join(dir, safe);
  if (!file.startsWith(path.resolve(dir))) return false;
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const data = await readFile(file);
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(data);
    return true;
  } catch {
    return false;
  }
}
