import { reportProblem, clearProblem } from '../ui/banner.ts';

declare global {
  interface Window {
    /** Written into config.js at build time; empty means the local runtime on the same origin. */
    CATALYST_API_BASE?: string;
  }
}

/** Where the functions answer: `<base>/<package>/<function>`. */
export function apiBase(): string {
  const configured = (window.CATALYST_API_BASE ?? '').replace(/\/+$/, '');
  return configured || `${location.origin}/api/v1/web/catalyst`;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined | null>;

interface Hooks {
  /** A valid access token, refreshed first when it is about to expire; null when logged out. */
  token: () => Promise<string | null>;
  /** The server refused the token: the session is over. */
  unauthorized: () => void;
}

let hooks: Hooks = { token: async () => null, unauthorized: () => undefined };

/** Wires the session in (kept apart so the session module can call the API without a cycle). */
export function setAuthHooks(h: Hooks): void {
  hooks = h;
}

function url(fn: string, query: Query = {}): string {
  const u = new URL(`${apiBase()}/${fn}`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') u.searchParams.set(k, String(v));
  return u.toString();
}

/** Calls one function; `auth: false` for login and refresh, which must not need a token. */
export async function call<T>(fn: string, options: { method?: 'GET' | 'POST'; query?: Query; body?: unknown; auth?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.auth !== false) {
    const token = await hooks.token();
    if (!token) {
      hooks.unauthorized();
      throw new ApiError(401, 'UNAUTHORIZED', 'Log in first');
    }
    headers.authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url(fn, options.query), { method: options.method ?? 'GET', headers, body: options.body === undefined ? null : JSON.stringify(options.body), cache: 'no-store' });
  } catch {
    reportProblem('api', `Cannot reach the API at ${apiBase()}. Retrying…`);
    throw new ApiError(0, 'UNREACHABLE', 'The API is unreachable');
  }
  const text = await res.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (res.status >= 500 || (res.ok && payload === null && text)) {
    reportProblem('api', `The API answered ${res.status} for ${fn}. Retrying…`);
  } else {
    clearProblem('api');
  }
  if (!res.ok) {
    const err = (payload as { error?: { code?: string; message?: string } } | null)?.error;
    if (res.status === 401 && options.auth !== false) hooks.unauthorized();
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `HTTP ${res.status}`);
  }
  return payload as T;
}
