import type http from 'node:http';
import type { LoadedFunction } from './function-registry.ts';
import { invokeLocal, newActivationId, withinWindow } from './invoke.ts';
import type { namespaceGate } from './namespace-limits.ts';
import { readBody, sameSecret, sendJson, type gate, type InvocationListener } from './http-basics.ts';
import { webArgs } from './web-args.ts';

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

export interface WebRouteContext {
  namespace: string;
  functions: Map<string, LoadedFunction>;
  webGate: ReturnType<typeof gate>;
  onInvocation?: InvocationListener;
  /** When the request arrived (ms since the epoch), for the invocation's duration. */
  started: number;
  /** The namespace's invocation limits, shared with the invoke API as on the platform. */
  invocations: ReturnType<typeof namespaceGate>;
  /** How long the platform waits for a web function's answer before it gives up on it (202), ms. */
  blockingWindowMs: number;
}

/**
 * A web function at DigitalOcean's URL shape (`/api/v1/web/<namespace>/<package>/<function>[/path]`),
 * `match` being that path's groups: `webSecure` enforced, `web: false` functions refused, the platform's
 * CORS unless the function carries `web-custom-options`. Each invocation counts toward the namespace's limits
 * (429 past them). A web function cannot run asynchronously: one still running after the blocking window is
 * answered 202 "Response not yet ready." (OpenWhisk's WebActions) and its result is lost to the caller.
 */
export async function serveWebFunction(ctx: WebRouteContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL, match: RegExpExecArray): Promise<void> {
  const [, ns, pkg, name, rest] = match;
  const fn = ns === ctx.namespace || ns === '_' ? ctx.functions.get(`${pkg}/${name}`) : undefined;
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
  const args = webArgs(fn, req, url, rest ?? '', body);
  const activationId = newActivationId();
  // Admitted when it starts running: a request waiting behind the local web gate is not yet an activation.
  const out = await ctx.webGate.run(async () => {
    const admitted = ctx.invocations.admit();
    if (!admitted.ok) return admitted;
    return withinWindow(fn, invokeLocal(fn, args, ctx.namespace, admitted.release, activationId), ctx.blockingWindowMs);
  });
  const header = { 'x-openwhisk-activation-id': activationId };
  const status =
    out === 'demoted'
      ? (sendJson(res, 202, { error: 'Response not yet ready.' }, { ...cors, ...header }), 202)
      : 'ok' in out
        ? (sendJson(res, 429, { error: out.message }, cors), 429)
        : out.timedOut
          ? (sendJson(res, 502, { error: 'The action exceeded its time limits', activationId }, cors), 502)
          : toHttp(res, out.result, cors);
  ctx.onInvocation?.({ fn: fn.spec.id, via: 'web', statusCode: status, durationMs: Date.now() - ctx.started });
}
