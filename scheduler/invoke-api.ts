import type http from 'node:http';
import type { LoadedFunction } from './function-registry.ts';
import { invokeLocal } from './invoke.ts';
import type { namespaceGate } from './namespace-limits.ts';
import { HttpProblem, readBody, sameSecret, sendJson, type InvocationListener } from './http-basics.ts';

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

function basicAuthOf(req: http.IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  return auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
}

export interface InvokeApiContext {
  namespace: string;
  functions: Map<string, LoadedFunction>;
  /** `<uuid>:<key>` accepted as Basic auth (as OpenWhisk's namespace key). */
  apiKey: string;
  onInvocation?: InvocationListener;
  /** When the request arrived (ms since the epoch), for the invocation's duration. */
  started: number;
  /** The namespace's invocation limits (in flight, started a minute). */
  invocations: ReturnType<typeof namespaceGate>;
}

/** What `doctl serverless connect --access-key` calls to check a key (`GET /api/v1/namespaces`): the key's namespaces. */
export function listNamespaces(ctx: InvokeApiContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  return sameSecret(basicAuthOf(req), ctx.apiKey) ? sendJson(res, 200, [ctx.namespace]) : sendJson(res, 401, { error: 'The supplied authentication is invalid' });
}

/**
 * OpenWhisk's invoke API (`POST /api/v1/namespaces/<ns>/actions/<pkg>/<fn>`, `match` being that path's
 * groups) with Basic auth: non-blocking answers 202 at once; blocking waits for the result.
 */
export async function invokeAction(ctx: InvokeApiContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL, match: RegExpExecArray): Promise<void> {
  if (!sameSecret(basicAuthOf(req), ctx.apiKey)) return sendJson(res, 401, { error: 'The supplied authentication is invalid' });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST to invoke an action' });
  const [, , pkg, name] = match;
  const fn = ctx.functions.get(`${pkg}/${name}`);
  if (!fn) return sendJson(res, 404, { error: 'The requested resource does not exist.' });
  const text = await readBody(req);
  const params = invokeParams(text);
  // As the platform: past the namespace's limits an invocation is refused (429), never queued.
  const admitted = ctx.invocations.admit();
  if (!admitted.ok) return sendJson(res, 429, { error: admitted.message });
  if (url.searchParams.get('blocking') !== 'true') {
    void invokeLocal(fn, params, ctx.namespace, admitted.release);
    return sendJson(res, 202, { activationId: 'local' });
  }
  // A timed-out activation keeps running (and counting) until it ends, as on the platform.
  const out = await invokeLocal(fn, params, ctx.namespace, admitted.release);
  ctx.onInvocation?.({ fn: fn.spec.id, via: 'invoke', statusCode: out.timedOut ? 502 : 200, durationMs: Date.now() - ctx.started });
  if (out.timedOut) return sendJson(res, 502, { error: 'The action exceeded its time limits', activationId: out.activationId });
  const payload = url.searchParams.get('result') === 'true' ? out.result : { activationId: out.activationId, response: { result: out.result } };
  // OpenWhisk answers a blocking invoke whose result has an `error` field (an application error) with 502.
  const failed = typeof out.result === 'object' && out.result !== null && 'error' in out.result;
  return sendJson(res, failed ? 502 : 200, payload);
}
