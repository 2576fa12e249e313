import { AppError } from '../../shared/errors.ts';
import { scrubSecrets } from '../../platform/logger.ts';

/** The `fetch` function a source is given (the global one in production, a fake in tests). */
export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export interface HttpRequest {
  /** Source name, for error messages. */
  source: string;
  url: string;
  headers?: Record<string, string>;
  /** Values that must never appear in an error message (API keys sent as query parameters). */
  secrets?: readonly string[];
  /** Abort the request after this long (real time). */
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  body: string;
  /** Seconds from a `Retry-After` header, when the server sent one in seconds. */
  retryAfterSeconds: number | undefined;
}

/** Host and path only: the query string may carry an API key, so it never goes into a message. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Bytes to text in the declared charset (Content-Type, else an XML declaration, else UTF-8): EDGAR's feed
 * says ISO-8859-1, and reading it as UTF-8 would mangle accented company names.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ?? /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function retryAfter(headers: Headers): number | undefined {
  const v = headers.get('retry-after');
  if (v === null || !/^\d+$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

/**
 * GETs `url` and returns its status and body whatever the status; only a failure to get any answer
 * throws (DEPENDENCY_TIMEOUT or DEPENDENCY_UNAVAILABLE, both retryable). Messages carry no secret.
 */
export async function fetchText(fetchFn: FetchFn, req: HttpRequest): Promise<HttpReply> {
  const secrets = req.secrets ?? [];
  const where = describeUrl(req.url);
  try {
    const res = await fetchFn(req.url, {
      method: 'GET',
      headers: req.headers ?? {},
      redirect: 'follow',
      ...(req.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(req.timeoutMs) }),
    });
    const body = decodeBody(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type'));
    return { status: res.status, body, retryAfterSeconds: retryAfter(res.headers) };
  } catch (e) {
    const name = (e as { name?: unknown }).name;
    const detail = scrubSecrets(e instanceof Error ? e.message : String(e), secrets);
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new AppError('DEPENDENCY_TIMEOUT', `${req.source}: no answer from ${where} in time`);
    }
    throw new AppError('DEPENDENCY_UNAVAILABLE', `${req.source}: request to ${where} failed: ${detail}`);
  }
}

/**
 * The AppError for a non-2xx answer: 429 is RATE_LIMITED and 5xx DEPENDENCY_UNAVAILABLE (both retryable);
 * 401/403 are CONFIG_INVALID (a key or User-Agent to fix); any other status is not retryable.
 */
export function httpStatusError(source: string, url: string, reply: HttpReply, what = ''): AppError {
  const where = describeUrl(url);
  const suffix = what ? `: ${what}` : '';
  const opts = reply.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: reply.retryAfterSeconds };
  if (reply.status === 429) return new AppError('RATE_LIMITED', `${source}: rate limited by ${where} (HTTP 429)${suffix}`, opts);
  if (reply.status >= 500) {
    return new AppError('DEPENDENCY_UNAVAILABLE', `${source}: ${where} answered HTTP ${reply.status}${suffix}`, opts);
  }
  if (reply.status === 401 || reply.status === 403) {
    return new AppError('CONFIG_INVALID', `${source}: ${where} refused the request (HTTP ${reply.status})${suffix}`, { retryable: false });
  }
  return new AppError('DEPENDENCY_UNAVAILABLE', `${source}: ${where} answered HTTP ${reply.status}${suffix}`, { retryable: false });
}

/** Throws the mapped AppError unless the status is 2xx; returns the body. */
export function okBody(source: string, url: string, reply: HttpReply): string {
  if (reply.status < 200 || reply.status > 299) throw httpStatusError(source, url, reply);
  return reply.body;
}

/** Parses JSON text; a body that is not JSON is a DATA_INVALID response. */
export function parseJsonBody(source: string, body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new AppError('DATA_INVALID', `${source}: the response is not JSON`);
  }
}
