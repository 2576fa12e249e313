import type { Invoker } from '../../ports/invoker.port.ts';
import { TRIAL_DEADLINE_MARGIN_MS, type TrialInvoker, type TrialRequest, type TrialStudy } from '../../ports/trial-invoker.port.ts';
import type { TrialResult } from '../../domain/research/trial.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { TrialContract } from '../../ports/trial-contract.ts';
import { invocationLimiter } from './invocation-limiter.ts';

/** DigitalOcean Functions' per-namespace limits and its 1 MB request and result limit. */
export const FUNCTION_LIMITS = { concurrent: 120, perMinute: 600, payloadBytes: 1024 * 1024 } as const;

export interface FunctionTrialInvokerOptions {
  invoker: Invoker;
  study: TrialStudy;
  /** research/trial's `limits.timeout` in project.yml, ms. */
  functionTimeoutMs: number;
  /** A session's expected wall time inside the function, ms (measured: `npm run bench -- research`): a longer window is refused. */
  sessionMs: number;
  /** Trials in flight: at most 120, less what the coordinator's own invocations need. */
  concurrency: number;
  /** Invocations started in any minute: at most 600. */
  perMinute?: number;
  /** Further attempts after a retryable failure (a trial is pure given its request: re-running is safe). */
  retries?: number;
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
  /** Told each time a trial is sent again after an attempt that ended without a result (the first may still be running). */
  onRetry?: (line: string) => void;
}

const RATE_LIMITED_BACKOFF_MS = 5_000;
const wallClock = { now: () => performance.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

/**
 * A TrialInvoker over the Invoker port: one `research/trial` invocation per trial (deployed: DigitalOcean
 * Functions; locally: the local runtime's invoke API). Checks before sending: the window fits the function's
 * time limit, the request fits 1 MB; keeps the namespace's limits on this side; retries a retryable failure.
 *
 * Trials are invoked non-blocking and their activations read until they end: a trial runs for minutes, so a
 * blocking call would only hold a connection for DigitalOcean's 30 s before its 202 anyway, and a connection
 * lost in those 30 s would leave a running trial whose activation id was never seen. Non-blocking, the id
 * comes back at once; the reads go on until the function's time limit plus 30 s, when the platform has
 * recorded an end (a result or "exceeded its time limits"). A retry sends the trial again and says so
 * through `onRetry`: the earlier attempt may still be running (its answer was lost, or never came), which
 * costs a second run but never a second result (a trial is pure given its request, stored under its key).
 */
export function functionTrialInvoker(options: FunctionTrialInvokerOptions): TrialInvoker {
  const perMinute = options.perMinute ?? FUNCTION_LIMITS.perMinute;
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1 || options.concurrency > FUNCTION_LIMITS.concurrent) {
    throw new Error(`concurrency must be a whole number from 1 to ${FUNCTION_LIMITS.concurrent} (the namespace's concurrent invocations; got ${options.concurrency})`);
  }
  if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > FUNCTION_LIMITS.perMinute) throw new Error(`perMinute must be a whole number from 1 to ${FUNCTION_LIMITS.perMinute} (got ${perMinute})`);
  const clock = options.clock ?? wallClock;
  const limiter = invocationLimiter({ concurrent: options.concurrency, perMinute }, clock);
  const budgetMs = options.functionTimeoutMs - TRIAL_DEADLINE_MARGIN_MS;
  const retries = options.retries ?? 1;
  return {
    concurrency: options.concurrency,
    async run(request: TrialRequest): Promise<TrialResult> {
      const sessions = calendarBetween(request.window.from, request.window.to).length;
      const expectedMs = sessions * options.sessionMs;
      if (expectedMs > budgetMs) {
        throw new Error(`trial ${request.key}: ${sessions} session(s) at about ${(options.sessionMs / 1000).toFixed(1)} s each need about ${Math.round(expectedMs / 1000)} s, more than research/trial's ${Math.round(options.functionTimeoutMs / 1000)} s limit allows (less ${TRIAL_DEADLINE_MARGIN_MS / 1000} s): use shorter windows (--in-sample, --out-of-sample) or fewer symbols, or run on worker threads`);
      }
      const params = { request, study: options.study };
      const bytes = Buffer.byteLength(JSON.stringify(params));
      if (bytes > FUNCTION_LIMITS.payloadBytes) throw new Error(`trial ${request.key}: its request is ${bytes} bytes, over the platform's 1 MB (${FUNCTION_LIMITS.payloadBytes} bytes): name fewer symbols (the function reads the rest from the study's history)`);
      for (let attempt = 0; ; attempt++) {
        const out = await limiter.run(() => options.invoker.invoke<unknown>(TrialContract.fn, params, { timeoutMs: options.functionTimeoutMs + 30_000, nonBlocking: true }));
        if (out.ok) {
          const parsed = TrialContract.answer.safeParse(out.value);
          if (!parsed.success) throw new Error(`trial ${request.key}: research/trial answered something that is not a trial result`);
          return parsed.data;
        }
        if (!out.error.retryable || attempt >= retries) throw new Error(`trial ${request.key} failed in research/trial after ${attempt + 1} attempt(s): ${out.error.code}: ${out.error.message}`);
        options.onRetry?.(`trial ${request.key}: attempt ${attempt + 1} ended without a result (${out.error.code}: ${out.error.message}); sending it again, so it may run twice (same result: a trial is pure given its request)`);
        // Refused for the namespace's limits (another caller shares them): wait before the retry.
        if (out.error.code === 'RATE_LIMITED') await clock.sleep(RATE_LIMITED_BACKOFF_MS * (attempt + 1));
      }
    },
    close: async () => undefined,
  };
}
