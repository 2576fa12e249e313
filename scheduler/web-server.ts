import http from 'node:http';
import type { LoadedFunction } from './function-registry.ts';
import { gate, HttpProblem, sendJson, type InvocationListener } from './http-basics.ts';
import { invokeAction, listNamespaces, readActivation } from './invoke-api.ts';
import { activationLog, ACTIVATION_RETENTION, BLOCKING_WINDOW_MS } from './activations.ts';
import { serveStatic } from './static-files.ts';
import { serveWebFunction } from './web-function-route.ts';
import { namespaceGate, NAMESPACE_LIMITS, type Admission } from './namespace-limits.ts';

export interface RuntimeServerOptions {
  namespace: string;
  functions: Map<string, LoadedFunction>;
  /** `<uuid>:<key>` accepted as Basic auth by the invoke API (as OpenWhisk's namespace key). */
  apiKey: string;
  dashboardDir?: string;
  port?: number;
  host?: string;
  onInvocation?: InvocationListener;
  /**
   * Web invocations (the dashboard) running at once; the rest wait their turn. The coordinator and its
   * workers (the invoke API) never wait behind them: they share this process's event loop and database
   * pool, and the scheduled minute must not slip under dashboard load. Default 1 (one person's dashboard).
   */
  webConcurrency?: number;
  /** The namespace's invocation limits, web and invoke API alike (default DigitalOcean's: 120 in flight, 600 a minute). */
  namespaceLimits?: { concurrent: number; perMinute: number };
  /** How long a blocking or web invocation waits before it turns asynchronous (202), ms (default DigitalOcean's 30 s; shorter in tests). */
  blockingWindowMs?: number;
  /** Finished activations kept for reading back (default ACTIVATION_RETENTION). */
  activationRetention?: { records: number; resultBytes: number };
}

export interface RuntimeServer {
  url: string;
  webUrl(fnId: string): string;
  /** Admits one invocation under the namespace's limits this server enforces (the scheduled triggers' too). */
  admit(): Admission;
  close(): Promise<void>;
}

const WEB_PATH = /^\/api\/v1\/web\/([^/]+)\/([^/]+)\/([^/]+)(\/.*)?$/;
const INVOKE_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/actions\/([^/]+)\/([^/]+)$/;
const ACTIVATION_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/activations\/([^/]+)(\/result|\/logs)?$/;

/**
 * The local runtime's HTTP face: web functions at DigitalOcean's URL shape
 * (`/api/v1/web/<namespace>/<package>/<function>[/path]`) with `webSecure` enforced and `web: false`
 * functions refused; OpenWhisk's invoke API (`POST /api/v1/namespaces/<ns>/actions/<pkg>/<fn>`) with
 * Basic auth, with its activation reads (`GET .../activations/<id>[/result|/logs]`); and the dashboard's
 * static files. Web and invoke-API invocations share the namespace's limits, as on the platform.
 */
export async function startRuntimeServer(options: RuntimeServerOptions): Promise<RuntimeServer> {
  const { namespace, functions, apiKey, onInvocation } = options;
  const webGate = gate(options.webConcurrency ?? 1, 1024);
  const invocations = namespaceGate(options.namespaceLimits ?? NAMESPACE_LIMITS);
  const activations = activationLog(options.activationRetention ?? ACTIVATION_RETENTION);
  const blockingWindowMs = options.blockingWindowMs ?? BLOCKING_WINDOW_MS;
  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    try {
      let url: URL;
      try {
        url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'http://local');
      } catch {
        throw new HttpProblem(400, 'Malformed request URL');
      }
      const web = WEB_PATH.exec(url.pathname);
      if (web) return await serveWebFunction({ namespace, functions, webGate, onInvocation, started, invocations, blockingWindowMs }, req, res, url, web);
      const api = { namespace, functions, apiKey, onInvocation, started, invocations, activations, blockingWindowMs };
      if (url.pathname === '/api/v1/namespaces' && req.method === 'GET') return listNamespaces(api, req, res);
      const invoke = INVOKE_PATH.exec(url.pathname);
      if (invoke) return await invokeAction(api, req, res, url, invoke);
      const activation = ACTIVATION_PATH.exec(url.pathname);
      if (activation) return readActivation(api, req, res, activation);
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
    admit: () => invocations.admit(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
