import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { LoadedFunction } from './function-registry.ts';
import { invokeLocal } from './invoke.ts';
import { namespaceGate, NAMESPACE_LIMITS } from './namespace-limits.ts';

export interface RuntimeServerOptions {
  namespace: string;
  functions: Map<string, LoadedFunction>;
  /** `<uuid>:<key>` accepted as Basic auth by the invoke API (as OpenWhisk's namespace key). */
  apiKey: string;
  dashboardDir?: string;
  port?: number;
  host?: string;
  onInvocation?: (line: { fn: string; via: 'web' | 'invoke'; statusCode: number; durationMs: number }) => void;
  /**
   * Web invocations (the dashboard) running at once; the rest wait their turn. The coordinator and its
   * workers (the invoke API) never wait behind them: they share this process's event loop and database
   * pool, and the scheduled minute must not slip under dashboard load. Default 1 (one person's dashboard).
   */
  webConcurrency?: number;
  /** The namespace's invocation limits the invoke API enforces (default DigitalOcean's: 120 in flight, 600 a minute). */
  namespaceLimits?: { concurrent: number; perMinute: number };
}

/** A counting semaphore with a bounded queue (beyond it, 429 as the platform's concurrency limit). */
function gate(slots: number, maxQueue: number) {
  let free = slots;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (free > 0) free--;
      else {
        if (waiting.length >= maxQueue) throw new HttpProblem(429, 'Too many concurrent requests; retry shortly');
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
  };
}

export interface RuntimeServer {
  url: string;
  webUrl(fnId: string): string;
  close(): Promise<void>;
}

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

function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const BODY_LIMIT = 1024 * 1024;
/** Past this much, an oversized body is no longer drained: the connection is dropped. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request's body. An oversized one is read to its end and discarded before the 413 goes out (with
 * `connection: close`), so a client still sending is not reset mid-request.
 */
async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > DRAIN_LIMIT) {
      req.destroy();
      break;
    }
    if (size <= BODY_LIMIT) chunks.push(c as Buffer);
  }
  if (size > BODY_LIMIT) throw new HttpProblem(413, 'Payload too large (1 MB limit)');
  return Buffer.concat(chunks).toString('utf8');
}

/** The invoke API's parameters: a JSON object, or nothing. */
function invokeParams(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'The request content was malformed: body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpProblem(400, 'The request content was malformed: parameters must be a JSON object');
  return parsed as Record<string, unknown>;
}

function headersOf(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  // As a forwarding proxy does: keep what the client sent and append the address it connected from.
  out['x-forwarded-for'] = [out['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  out['x-request-id'] ??= '';
  if (!out['x-request-id']) delete out['x-request-id'];
  return out;
}

/** Builds `args` the way DigitalOcean does for a web function (`web: true` merges query and JSON body). */
function webArgs(fn: LoadedFunction, req: http.IncomingMessage, url: URL, rest: string, body: string): Record<string, unknown> {
  const headers = headersOf(req);
  const httpPart: Record<string, unknown> = { headers, method: req.method ?? 'GET', path: rest };
  if (fn.spec.web === 'raw') {
    return { http: { ...httpPart, body, queryString: url.search.replace(/^\?/, ''), isBase64Encoded: false } };
  }
  const args: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) args[k] = v;
  const type = headers['content-type'] ?? '';
  if (body) {
    if (type.includes('json')) {
      try {
        const parsed: unknown = JSON.parse(body);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(args, parsed);
        else httpPart.body = body;
      } catch {
        httpPart.body = body;
      }
    } else if (type.includes('x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body)) args[k] = v;
    } else {
      httpPart.body = body;
    }
  }
  return { ...args, http: httpPart };
}

/**
 * OpenWhisk's CORS for a web function WITHOUT `web-custom-options: true` (WebActions.scala
 * `defaultCorsResponse`): these headers are added to every response, on top of the function's own.
 */
function platformCors(req: http.IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'OPTIONS, GET, DELETE, POST, PUT, HEAD, PATCH',
    'access-control-allow-headers': typeof requested === 'string' ? requested : 'Authorization, Origin, X-Requested-With, Content-Type, Accept, User-Agent',
  };
}

/** The function's headers plus the platform's: a name both set is sent twice, as OpenWhisk does. */
function withPlatformHeaders(own: Record<string, string>, platform: Record<string, string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { ...own };
  for (const [k, v] of Object.entries(platform)) {
    const mine = Object.keys(out).find((o) => o.toLowerCase() === k);
    if (mine === undefined) out[k] = v;
    else out[mine] = [v, String(out[mine])];
  }
  return out;
}

function toHttp(res: http.ServerResponse, result: unknown, platformHeaders: Record<string, string> = {}): number {
  const r = (result ?? {}) as { statusCode?: number; headers?: Record<string, string>; body?: unknown; error?: unknown };
  if (r.error !== undefined && r.statusCode === undefined) {
    sendJson(res, 502, { error: 'The function failed', activationError: String(r.error) }, platformHeaders);
    return 502;
  }
  const status = r.statusCode ?? 200;
  const body = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body);
  res.writeHead(status, withPlatformHeaders({ ...(typeof r.body === 'object' ? { 'content-type': 'application/json' } : {}), ...(r.headers ?? {}) }, platformHeaders));
  res.end(body);
  return status;
}

async function serveStatic(dir: string, pathname: string, res: http.ServerResponse): Promise<boolean> {
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

/**
 * The local runtime's HTTP face: web functions at DigitalOcean's URL shape
 * (`/api/v1/web/<namespace>/<package>/<function>[/path]`) with `webSecure` enforced and `web: false`
 * functions refused; OpenWhisk's invoke API (`POST /api/v1/namespaces/<ns>/actions/<pkg>/<fn>`) with
 * Basic auth; and the dashboard's static files.
 */
export async function startRuntimeServer(options: RuntimeServerOptions): Promise<RuntimeServer> {
  const { namespace, functions } = options;
  const webGate = gate(options.webConcurrency ?? 1, 1024);
  const invocations = namespaceGate(options.namespaceLimits ?? NAMESPACE_LIMITS);
  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    try {
      let url: URL;
      try {
        url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'http://local');
      } catch {
        throw new HttpProblem(400, 'Malformed request URL');
      }
      const web = /^\/api\/v1\/web\/([^/]+)\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
      if (web) {
        const [, ns, pkg, name, rest] = web;
        const fn = ns === namespace || ns === '_' ? functions.get(`${pkg}/${name}`) : undefined;
        if (!fn || fn.spec.web === false) {
          return sendJson(res, 404, { code: 'not_found', error: 'The requested resource does not exist.' });
        }
        if (fn.spec.webSecure !== false && !sameSecret(req.headers['x-require-whisk-auth'] as string | undefined, fn.spec.webSecure)) {
          return sendJson(res, 401, { code: 'unauthorized', error: 'The resource requires authentication, which was not supplied with the request' });
        }
        // Without web-custom-options the platform owns CORS: it answers OPTIONS itself and adds its headers.
        const cors = fn.spec.webCustomOptions === true ? {} : platformCors(req);
        if (fn.spec.webCustomOptions !== true && req.method === 'OPTIONS') {
          res.writeHead(200, cors);
          res.end();
          return;
        }
        const body = await readBody(req);
        const out = await webGate.run(() => invokeLocal(fn, webArgs(fn, req, url, rest ?? '', body), namespace));
        const status = out.timedOut
          ? (sendJson(res, 502, { error: 'The action exceeded its time limits', activationId: out.activationId }, cors), 502)
          : toHttp(res, out.result, cors);
        options.onInvocation?.({ fn: fn.spec.id, via: 'web', statusCode: status, durationMs: Date.now() - started });
        return;
      }
      if (url.pathname === '/api/v1/namespaces' && req.method === 'GET') {
        // What `doctl serverless connect --access-key` calls to check a key: the key's namespaces.
        const auth = req.headers.authorization ?? '';
        const given = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
        return sameSecret(given, options.apiKey) ? sendJson(res, 200, [namespace]) : sendJson(res, 401, { error: 'The supplied authentication is invalid' });
      }
      const invoke = /^\/api\/v1\/namespaces\/([^/]+)\/actions\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (invoke) {
        const auth = req.headers.authorization ?? '';
        const given = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
        if (!sameSecret(given, options.apiKey)) return sendJson(res, 401, { error: 'The supplied authentication is invalid' });
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST to invoke an action' });
        const [, , pkg, name] = invoke;
        const fn = functions.get(`${pkg}/${name}`);
        if (!fn) return sendJson(res, 404, { error: 'The requested resource does not exist.' });
        const text = await readBody(req);
        const params = invokeParams(text);
        // As the platform: past the namespace's limits an invocation is refused (429), never queued.
        const admitted = invocations.admit();
        if (!admitted.ok) return sendJson(res, 429, { error: admitted.message });
        if (url.searchParams.get('blocking') !== 'true') {
          void invokeLocal(fn, params, namespace, admitted.release);
          return sendJson(res, 202, { activationId: 'local' });
        }
        // A timed-out activation keeps running (and counting) until it ends, as on the platform.
        const out = await invokeLocal(fn, params, namespace, admitted.release);
        options.onInvocation?.({ fn: fn.spec.id, via: 'invoke', statusCode: out.timedOut ? 502 : 200, durationMs: Date.now() - started });
        if (out.timedOut) return sendJson(res, 502, { error: 'The action exceeded its time limits', activationId: out.activationId });
        const payload = url.searchParams.get('result') === 'true' ? out.result : { activationId: out.activationId, response: { result: out.result } };
        // OpenWhisk answers a blocking invoke whose result has an `error` field (an application error) with 502.
        const failed = typeof out.result === 'object' && out.result !== null && 'error' in out.result;
        return sendJson(res, failed ? 502 : 200, payload);
      }
      if (options.dashboardDir && (req.method === 'GET' || req.method === 'HEAD') && (await serveStatic(options.dashboardDir, url.pathname, res))) return;
      sendJson(res, 404, { error: 'Not found' });
    } catch (e) {
      if (res.headersSent) return void res.destroy();
      if (e instanceof HttpProblem) return sendJson(res, e.status, { error: e.message }, e.status === 413 ? { connection: 'close' } : {});
      sendJson(res, 500, { error: 'Local runtime error' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const base = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: base,
    webUrl: (id) => `${base}/api/v1/web/${namespace}/${id}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
