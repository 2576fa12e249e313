/** The first wait before reading an activation, ms; each next wait is 1.5 times longer, up to POLL_MAX_MS. */
export const POLL_FIRST_MS = 250;
export const POLL_MAX_MS = 5_000;

/** Time kept for the read itself when the deadline is near, ms. */
const READ_RESERVE_MS = 500;

/** The wait before the `attempt`-th read (from 0) of an activation that has not ended, ms. */
export function pollDelayMs(attempt: number): number {
  return Math.min(POLL_MAX_MS, Math.round(POLL_FIRST_MS * 1.5 ** attempt));
}

/** Where and as whom activations are read. */
export interface ActivationSource {
  apiHost: string;
  namespace: string;
  /** The `authorization` header (Basic). */
  auth: string;
  fetchFn: typeof fetch;
}

/** An activation record's `response` (OpenWhisk ActivationResponse.toExtendedJson). */
export interface ActivationResponse {
  status: string;
  success: boolean;
  result: unknown;
}

export type ActivationRead = { ended: true; response: ActivationResponse } | { ended: false; reason: 'deadline' | 'refused' | 'invalid'; detail: string };

function responseOf(record: unknown): ActivationResponse | undefined {
  const response = (record as { response?: unknown } | null)?.response as Partial<ActivationResponse> | undefined;
  if (!response || typeof response !== 'object' || typeof response.success !== 'boolean') return undefined;
  return { status: typeof response.status === 'string' ? response.status : response.success ? 'success' : 'unknown', success: response.success, result: response.result };
}

/**
 * Reads activation `id` (`GET <host>/api/v1/namespaces/<ns>/activations/<id>`) until its record exists or
 * `deadlineAt` (performance.now() ms) comes, waiting longer between reads. 404 means it is still running
 * (OpenWhisk writes the record when it ends); a read that fails, 429 or 5xx is tried again at the next turn;
 * 401/403 stops (the key is refused), as does a record without a response.
 */
export async function readActivationUntil(source: ActivationSource, id: string, deadlineAt: number, sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): Promise<ActivationRead> {
  const url = `${source.apiHost.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(source.namespace)}/activations/${encodeURIComponent(id)}`;
  let last = 'not read yet';
  for (let attempt = 0; ; attempt++) {
    const left = deadlineAt - performance.now();
    if (left <= 0) return { ended: false, reason: 'deadline', detail: last };
    // The last turn waits only until the deadline less what its read needs, then reads once more.
    const lastTurn = pollDelayMs(attempt) + READ_RESERVE_MS >= left;
    await sleep(lastTurn ? Math.max(0, left - READ_RESERVE_MS) : pollDelayMs(attempt));
    const settled = (detail: string): ActivationRead | undefined => {
      last = detail;
      return lastTurn ? { ended: false, reason: 'deadline', detail } : undefined;
    };
    let res: Response;
    try {
      res = await source.fetchFn(url, { headers: { authorization: source.auth }, signal: AbortSignal.timeout(Math.max(1, Math.ceil(Math.min(POLL_MAX_MS * 2, deadlineAt - performance.now())))) });
    } catch {
      const out = settled('the last read got no answer');
      if (out) return out;
      continue;
    }
    const text = await res.text();
    if (res.status === 401 || res.status === 403) return { ended: false, reason: 'refused', detail: `reading it was refused (${res.status})` };
    if (res.status === 404 || res.status === 429 || res.status >= 500) {
      const out = settled(res.status === 404 ? 'no record yet (404)' : `the last read answered ${res.status}`);
      if (out) return out;
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return { ended: false, reason: 'invalid', detail: `its record (${res.status}) is not JSON` };
    }
    const response = res.ok ? responseOf(record) : undefined;
    if (!response) return { ended: false, reason: 'invalid', detail: `reading it answered ${res.status} without an activation response` };
    return { ended: true, response };
  }
}
