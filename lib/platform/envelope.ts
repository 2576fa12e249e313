/**
 * The arguments DigitalOcean Functions (OpenWhisk) hand to `main(args, context)`, normalised into one
 * request shape: `args.http` for web functions (plus `body`/`queryString` for raw ones), the older
 * `__ow_*` keys, or plain parameters when a function is invoked by another function.
 */
export interface FunctionRequest {
  /** Upper-case HTTP method, or `INVOKE` when the function was called through the invoke API. */
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, the raw text when it is not JSON, or undefined. */
  body: unknown;
  /** Parameters for the function's schema: merged platform params, query and JSON body fields. */
  params: Record<string, unknown>;
  isHttp: boolean;
  /** Why the body cannot be used (not JSON, not an object): the function answers 400 with it. */
  bodyError?: string;
}

/** What a function returns to the platform. */
export interface FunctionResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The platform's per-activation context (all fields optional so tests and local runs can omit them). */
export interface InvocationContext {
  functionName?: string;
  activationId?: string;
  requestId?: string;
  deadline?: number;
  getRemainingTimeInMillis?: () => number;
  /**
   * Set by a caller in this process (the in-process invoker, a backtest): the answer may travel as a value
   * (see in-process-answer.ts), read with `answerOf`; never set by the platform.
   */
  inProcess?: boolean;
}

const RESERVED = new Set(['http', '__ow_method', '__ow_headers', '__ow_path', '__ow_body', '__ow_query', '__ow_isBase64Encoded']);

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function lowerHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(h))) if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  return out;
}

function parseQuery(q: unknown): Record<string, string> {
  if (typeof q !== 'string' || q === '') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(q.startsWith('?') ? q.slice(1) : q)) out[k] = v;
  return out;
}

/**
 * The body as the functions take it: a JSON object (or form fields). Anything else is kept as text and
 * named in `error`, never dropped silently as if the body were empty.
 */
function decodeBody(raw: unknown, base64: unknown, contentType: string | undefined): { body: unknown; error?: string } {
  if (raw === undefined || raw === null || raw === '') return { body: undefined };
  if (typeof raw !== 'string') return { body: raw };
  const text = base64 === true || base64 === 'true' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (text.trim() === '') return { body: undefined };
  if (contentType?.includes('x-www-form-urlencoded')) return { body: Object.fromEntries(new URLSearchParams(text)) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { body: text, error: 'body is not valid JSON' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { body: parsed, error: 'body must be a JSON object' };
  return { body: parsed };
}

/** Normalises the platform's `args` into a FunctionRequest. */
export function readRequest(args: unknown): FunctionRequest {
  const a = asRecord(args);
  // The common case of an invocation (plain parameters, no envelope key) is read in one pass.
  let envelope = false;
  const plain: Record<string, unknown> = {};
  for (const k of Object.keys(a)) {
    if (RESERVED.has(k)) envelope = true;
    else plain[k] = a[k];
  }
  if (!envelope) return { method: 'INVOKE', headers: {}, path: '', query: {}, body: undefined, params: plain, isHttp: false };
  const http = asRecord(a.http);
  const hasHttp = Object.keys(http).length > 0;
  const hasOw = typeof a.__ow_method === 'string';
  const headers = lowerHeaders(hasHttp ? http.headers : a.__ow_headers);
  const method = String((hasHttp ? http.method : a.__ow_method) ?? 'INVOKE').toUpperCase();
  const path = String((hasHttp ? http.path : a.__ow_path) ?? '');
  const query = parseQuery(hasHttp ? http.queryString : a.__ow_query);
  const { body, error: bodyError } = decodeBody(
    hasHttp ? http.body : a.__ow_body,
    hasHttp ? http.isBase64Encoded : a.__ow_isBase64Encoded,
    headers['content-type'],
  );
  const params = Object.assign(plain, query);
  if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(params, body as Record<string, unknown>);
  return { method, headers, path, query, body, params, isHttp: hasHttp || hasOw, ...(bodyError ? { bodyError } : {}) };
}

/** A JSON response with the given status. */
export function json(statusCode: number, payload: unknown, headers: Record<string, string> = {}): FunctionResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(payload),
  };
}
