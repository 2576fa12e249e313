// The module's binding: the global `performance` is a getter, run on every read.
import { performance } from 'node:perf_hooks';
import type { Invoker, InvokeOptions, InvokeOutcome } from '../../ports/invoker.port.ts';
import { answerOf, carriesAnswer } from '../../platform/in-process-answer.ts';
import { readActivationUntil, type ActivationResponse, type ActivationSource } from './activation-poll.ts';

export interface OpenWhiskInvokerOptions {
  /** `https://faas-<region>-<id>.doserverless.co` (deployed) or the local runtime's URL. */
  apiHost: string;
  namespace: string;
  /** `<uuid>:<key>`, sent as Basic auth (OpenWhisk's `__OW_API_KEY`). */
  apiKey: string;
  fetch?: typeof fetch;
  /** Waits between activation reads (injected by tests). */
  sleep?: (ms: number) => Promise<void>;
}

function failure(code: string, message: string, retryable: boolean, started: number): InvokeOutcome<never> {
  return { ok: false, error: { code, message, retryable }, durationMs: Math.round(performance.now() - started) };
}

/**
 * Invokes functions through OpenWhisk's REST API (`POST /api/v1/namespaces/<ns>/actions/<pkg>/<fn>
 * ?blocking=true&result=true`), which DigitalOcean Functions serves and the local runtime imitates.
 * Each call is bounded by `timeoutMs`; the function's `{statusCode, body}` is unwrapped.
 *
 * A 202 `{activationId}` (DigitalOcean demotes a blocking call still running after 30 s; `nonBlocking`
 * asks for it at once) is followed by reading that activation with backoff until it ends or the deadline
 * comes. The call is never sent twice: when the deadline comes first the outcome is a retryable
 * DEPENDENCY_TIMEOUT naming the activation, which may still finish (a worker's writes carry the tick's
 * fence, refused once a newer tick has written; a caller that retries runs the function a second time).
 */
export class OpenWhiskInvoker implements Invoker {
  private readonly auth: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: OpenWhiskInvokerOptions) {
    this.auth = `Basic ${Buffer.from(options.apiKey).toString('base64')}`;
    this.fetchFn = options.fetch ?? fetch;
  }

  async invoke<T>(fn: string, params: Record<string, unknown>, { timeoutMs, nonBlocking }: InvokeOptions): Promise<InvokeOutcome<T>> {
    const started = performance.now();
    const wait = nonBlocking ? 'blocking=false' : 'blocking=true&result=true';
    const url = `${this.options.apiHost.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(this.options.namespace)}/actions/${fn}?${wait}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: 'POST',
        headers: { authorization: this.auth, 'content-type': 'application/json' },
        body: JSON.stringify(params),
        // AbortSignal.timeout throws on a fraction, and a caller's remaining budget often is one.
        signal: AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs))),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      return failure(timedOut ? 'DEPENDENCY_TIMEOUT' : 'DEPENDENCY_UNAVAILABLE', timedOut ? `${fn} did not answer within ${timeoutMs} ms` : `${fn} could not be reached`, true, started);
    }
    const text = await res.text();
    if (res.status === 401 || res.status === 403) return failure('UNAUTHORIZED', `the platform refused the invoke of ${fn} (${res.status})`, false, started);
    // The namespace's 120 in flight or 600 a minute: retryable once the caller slows down.
    if (res.status === 429) return failure('RATE_LIMITED', `the platform refused the invoke of ${fn}: too many invocations in the namespace (429)`, true, started);
    let result: { statusCode?: number; body?: unknown; error?: unknown; activationId?: unknown };
    try {
      result = JSON.parse(text) as typeof result;
    } catch {
      // A 202 is read by its activation id header alone if need be.
      if (res.status !== 202) return failure('DATA_INVALID', `${fn} answered ${res.status} with a body that is not JSON`, false, started);
      result = {};
    }
    if (res.status === 202) {
      const id = typeof result.activationId === 'string' ? result.activationId : res.headers.get('x-openwhisk-activation-id');
      if (!id) return failure('DATA_INVALID', `${fn} was accepted (202) without an activation id`, false, started);
      return this.settle<T>(fn, id, started, timeoutMs);
    }
    if (!res.ok || result.error !== undefined) {
      return failure(res.status >= 500 || res.status === 502 ? 'DEPENDENCY_UNAVAILABLE' : 'INTERNAL', `${fn} failed (${res.status})`, res.status >= 500, started);
    }
    return unwrap<T>(fn, result, started);
  }

  /** Reads activation `id` of `fn` until it ends or the caller's deadline comes; its response as an outcome. */
  private async settle<T>(fn: string, id: string, started: number, timeoutMs: number): Promise<InvokeOutcome<T>> {
    const source: ActivationSource = { apiHost: this.options.apiHost, namespace: this.options.namespace, auth: this.auth, fetchFn: this.fetchFn };
    const read = await readActivationUntil(source, id, started + timeoutMs, this.options.sleep);
    if (read.ended) return outcomeOf<T>(fn, id, read.response, started);
    if (read.reason === 'refused') return failure('UNAUTHORIZED', `the platform refused reading activation ${id} of ${fn}: ${read.detail}`, false, started);
    if (read.reason === 'invalid') return failure('DATA_INVALID', `activation ${id} of ${fn}: ${read.detail}`, false, started);
    return failure('DEPENDENCY_TIMEOUT', `${fn} was still running as activation ${id} when its ${timeoutMs} ms ran out (${read.detail}); it was not invoked again and may still finish`, true, started);
  }
}

/** A finished activation's response as an outcome: as a blocking call's 200 or 502 would have answered. */
function outcomeOf<T>(fn: string, id: string, response: ActivationResponse, started: number): InvokeOutcome<T> {
  if (response.success) return unwrap<T>(fn, (response.result ?? {}) as { statusCode?: number; body?: unknown }, started);
  const error = (response.result as { error?: unknown } | null)?.error;
  const timedOut = response.status === 'action developer error' && typeof error === 'string' && /time limit/i.test(error);
  return failure(timedOut ? 'DEPENDENCY_TIMEOUT' : 'DEPENDENCY_UNAVAILABLE', `${fn} failed as activation ${id} (${response.status}${typeof error === 'string' ? `: ${error}` : ''})`, true, started);
}

/** Turns a function's `{statusCode, body}` into an outcome. */
export function unwrap<T>(fn: string, result: { statusCode?: number; body?: unknown }, started: number): InvokeOutcome<T> {
  const status = result.statusCode ?? 200;
  // An in-process answer carries its value (proved JSON-safe): nothing to parse.
  const carried = carriesAnswer(result);
  let body: unknown = carried ? answerOf(result) : result.body;
  if (!carried && typeof body === 'string') {
    try {
      body = body === '' ? null : JSON.parse(body);
    } catch {
      return failure('DATA_INVALID', `${fn} returned a body that is not JSON`, false, started);
    }
  }
  if (status >= 400) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    return failure(err?.code ?? 'INTERNAL', err?.message ?? `${fn} answered ${status}`, status >= 500 || status === 429, started);
  }
  return { ok: true, value: body as T, durationMs: Math.round(performance.now() - started) };
}
