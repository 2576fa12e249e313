import type http from 'node:http';
import type { LoadedFunction } from './function-registry.ts';
import { invokeLocal, newActivationId, withinWindow } from './invoke.ts';
import { activationRecord, type activationLog } from './activations.ts';
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
  /** Finished activations, readable through `GET .../activations/<id>`. */
  activations: ReturnType<typeof activationLog>;
  /** How long a blocking invoke waits before it turns asynchronous (202 with the activation id), ms. */
  blockingWindowMs: number;
}

/** What `doctl serverless connect --access-key` calls to check a key (`GET /api/v1/namespaces`): the key's namespaces. */
export function listNamespaces(ctx: InvokeApiContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  return sameSecret(basicAuthOf(req), ctx.apiKey) ? sendJson(res, 200, [ctx.namespace]) : sendJson(res, 401, { error: 'The supplied authentication is invalid' });
}

const NOT_FOUND = { error: 'The requested resource does not exist.' };

/**
 * OpenWhisk's invoke API (`POST /api/v1/namespaces/<ns>/actions/<pkg>/<fn>`, `match` being that path's
 * groups) with Basic auth. Non-blocking answers 202 `{activationId}` at once; blocking waits for the result,
 * but no longer than the blocking window when the function's time limit is longer (OpenWhisk waits the
 * lesser of the two): then 202 `{activationId}` too, the function running on. Every activation's record is
 * kept when it ends, for `readActivation`.
 */
export async function invokeAction(ctx: InvokeApiContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL, match: RegExpExecArray): Promise<void> {
  if (!sameSecret(basicAuthOf(req), ctx.apiKey)) return sendJson(res, 401, { error: 'The supplied authentication is invalid' });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST to invoke an action' });
  const [, , pkg, name] = match;
  const fn = ctx.functions.get(`${pkg}/${name}`);
  if (!fn) return sendJson(res, 404, NOT_FOUND);
  const text = await readBody(req);
  const params = invokeParams(text);
  // As the platform: past the namespace's limits an invocation is refused (429), never queued.
  const admitted = ctx.invocations.admit();
  if (!admitted.ok) return sendJson(res, 429, { error: admitted.message });
  const activationId = newActivationId();
  // A timed-out activation keeps running (and counting) until it ends, as on the platform; its record says it timed out.
  const running = invokeLocal(fn, params, ctx.namespace, admitted.release, activationId).then((out) => {
    ctx.activations.add(activationRecord(fn.spec, ctx.namespace, out));
    return out;
  });
  const accepted = () => {
    void running.then((out) => ctx.onInvocation?.({ fn: fn.spec.id, via: 'invoke', statusCode: out.timedOut || failedResult(out.result) ? 502 : 200, durationMs: Date.now() - ctx.started }));
    return sendJson(res, 202, { activationId }, { 'x-openwhisk-activation-id': activationId });
  };
  if (url.searchParams.get('blocking') !== 'true') return accepted();
  const out = await withinWindow(fn, running, ctx.blockingWindowMs);
  if (out === 'demoted') return accepted();
  ctx.onInvocation?.({ fn: fn.spec.id, via: 'invoke', statusCode: out.timedOut ? 502 : 200, durationMs: Date.now() - ctx.started });
  const header = { 'x-openwhisk-activation-id': activationId };
  if (out.timedOut) return sendJson(res, 502, { error: 'The action exceeded its time limits', activationId }, header);
  const payload = url.searchParams.get('result') === 'true' ? out.result : { activationId, response: { result: out.result } };
  // OpenWhisk answers a blocking invoke whose result has an `error` field (an application error) with 502.
  return sendJson(res, failedResult(out.result) ? 502 : 200, payload, header);
}

function failedResult(result: unknown): boolean {
  return typeof result === 'object' && result !== null && 'error' in result;
}

/**
 * OpenWhisk's activation reads (`GET /api/v1/namespaces/<ns>/activations/<id>[/result|/logs]`, `match` being
 * that path's groups): the record, its `response`, or its logs; 404 while the activation runs or once dropped.
 */
export function readActivation(ctx: InvokeApiContext, req: http.IncomingMessage, res: http.ServerResponse, match: RegExpExecArray): void {
  if (!sameSecret(basicAuthOf(req), ctx.apiKey)) return sendJson(res, 401, { error: 'The supplied authentication is invalid' });
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'Use GET to read an activation' });
  const [, ns, id, part] = match;
  const record = ns === ctx.namespace || ns === '_' ? ctx.activations.get(id!) : undefined;
  if (!record) return sendJson(res, 404, NOT_FOUND);
  if (part === '/result') return sendJson(res, 200, record.response);
  if (part === '/logs') return sendJson(res, 200, { logs: record.logs });
  return sendJson(res, 200, record);
}
