import type { FunctionSpec } from './project-spec.ts';
import type { InvokeResult } from './invoke.ts';

/**
 * How long a blocking invoke waits for its result before DigitalOcean turns it into an asynchronous one
 * (202 with the activation id, the function still running): 30 s, "automatically converted to asynchronous
 * if execution takes longer than 30 seconds" (docs.digitalocean.com/products/functions/how-to/async-functions/).
 * Upstream OpenWhisk's default is 60 s (`max-wait-for-blocking-activation`, apache/openwhisk docs/actions.md,
 * PR #3951); DigitalOcean's own figure is the one its API keeps.
 */
export const BLOCKING_WINDOW_MS = 30_000;

/**
 * What the local runtime keeps of finished activations: the newest `records`, and no more than `resultBytes`
 * of their results' JSON. DigitalOcean keeps three days of them; a process cannot, so the oldest go first.
 */
export const ACTIVATION_RETENTION = { records: 1_000, resultBytes: 32 * 1024 * 1024 } as const;

/** OpenWhisk's `response.status` words (ActivationResponse.messageForCode). */
export type ActivationStatus = 'success' | 'application error' | 'action developer error' | 'whisk internal error';

/** An activation record as OpenWhisk's `GET /api/v1/namespaces/<ns>/activations/<id>` answers it (toExtendedJson). */
export interface ActivationRecord {
  namespace: string;
  name: string;
  version: string;
  subject: string;
  activationId: string;
  start: number;
  end: number;
  duration: number;
  response: { status: ActivationStatus; success: boolean; result: unknown };
  logs: string[];
  annotations: { key: string; value: unknown }[];
  publish: false;
}

/** The record of a finished activation: a result with an `error` field is an application error, a timeout the developer's. */
export function activationRecord(spec: FunctionSpec, namespace: string, out: InvokeResult): ActivationRecord {
  const failed = typeof out.result === 'object' && out.result !== null && 'error' in out.result;
  const response = out.timedOut
    ? { status: 'action developer error' as const, success: false, result: { error: `The action exceeded its time limits of ${spec.limits.timeout} milliseconds.` } }
    : { status: failed ? ('application error' as const) : ('success' as const), success: !failed, result: out.result ?? {} };
  return {
    namespace,
    name: spec.name,
    version: '0.0.1',
    subject: namespace,
    activationId: out.activationId,
    start: out.start,
    end: out.end,
    duration: out.end - out.start,
    response,
    logs: [],
    annotations: [
      { key: 'path', value: `${namespace}/${spec.package}/${spec.name}` },
      { key: 'kind', value: spec.runtime },
      { key: 'limits', value: { timeout: spec.limits.timeout, memory: spec.limits.memory, logs: 10 } },
    ],
    publish: false,
  };
}

/**
 * The finished activations the invoke API can read back, bounded by `retention` (oldest dropped first).
 * A running activation has no record yet: reading it answers 404, as OpenWhisk's store does until the end.
 */
export function activationLog(retention: { records: number; resultBytes: number } = ACTIVATION_RETENTION) {
  const kept = new Map<string, { record: ActivationRecord; bytes: number }>();
  let bytes = 0;
  return {
    /** Keeps `record`, dropping the oldest past either bound. */
    add(record: ActivationRecord): void {
      const size = JSON.stringify(record.response.result)?.length ?? 0;
      kept.set(record.activationId, { record, bytes: size });
      bytes += size;
      for (const [id, entry] of kept) {
        if (kept.size <= retention.records && bytes <= retention.resultBytes) break;
        kept.delete(id);
        bytes -= entry.bytes;
      }
    },
    get: (activationId: string): ActivationRecord | undefined => kept.get(activationId)?.record,
    /** Records kept and their results' bytes (for tests). */
    size: () => ({ records: kept.size, resultBytes: bytes }),
  };
}
