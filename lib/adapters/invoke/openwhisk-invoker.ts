import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';
import { answerOf, carriesAnswer } from '../../platform/in-process-answer.ts';

export interface OpenWhiskInvokerOptions {
  /** `https://faas-<region>-<id>.doserverless.co` (deployed) or the local runtime's URL. */
  apiHost: string;
  namespace: string;
  /** `<uuid>:<key>`, sent as Basic auth (OpenWhisk's `__OW_API_KEY`). */
  apiKey: string;
  fetch?: typeof fetch;
}

function failure(code: string, message: string, retryable: boolean, started: number): InvokeOutcome<never> {
  return { ok: false, error: { code, message, retryable }, durationMs: Math.round(performance.now() - started) };
}

/**
 * Invokes functions through OpenWhisk's REST API (`POST /api/v1/namespaces/<ns>/actions/<pkg>/<fn>
 * ?blocking=true&result=true`), which DigitalOcean Functions serves and the local runtime imitates.
 * Each call is bounded by `timeoutMs`; the function's `{statusCode, body}` is unwrapped.
 */
export class OpenWhiskInvoker implements Invoker {
  private readonly auth: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: OpenWhiskInvokerOptions) {
    this.auth = `Basic ${Buffer.from(options.apiKey).toString('base64')}`;
    this.fetchFn = options.fetch ?? fetch;
  }

  async invoke<T>(fn: string, params: Record<string, unknown>, { timeoutMs }: { timeoutMs: number }): Promise<InvokeOutcome<T>> {
    const started = performance.now();
    const url = `${this.options.apiHost.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(this.options.namespace)}/actions/${fn}?blocking=true&result=true`;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: 'POST',
        headers: { authorization: this.auth, 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      return failure(timedOut ? 'DEPENDENCY_TIMEOUT' : 'DEPENDENCY_UNAVAILABLE', timedOut ? `${fn} did not answer within ${timeoutMs} ms` : `${fn} could not be reached`, true, started);
    }
    const text = await res.text();
    if (res.status === 401 || res.status === 403) return failure('UNAUTHORIZED', `the platform refused the invoke of ${fn} (${res.status})`, false, started);
    // The namespace's 120 in flight or 600 a minute: retryable once the caller slows down.
    if (res.status === 429) return failure('RATE_LIMITED', `the platform refused the invoke of ${fn}: too many invocations in the namespace (429)`, true, started);
    if (res.status === 202) return failure('DEPENDENCY_TIMEOUT', `${fn} ran longer than a blocking call allows`, true, started);
    let result: { statusCode?: number; body?: unknown; error?: unknown };
    try {
      result = JSON.parse(text) as typeof result;
    } catch {
      return failure('DATA_INVALID', `${fn} answered ${res.status} with a body that is not JSON`, false, started);
    }
    if (!res.ok || result.error !== undefined) {
      return failure(res.status >= 500 || res.status === 502 ? 'DEPENDENCY_UNAVAILABLE' : 'INTERNAL', `${fn} failed (${res.status})`, res.status >= 500, started);
    }
    return unwrap<T>(fn, result, started);
  }
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
