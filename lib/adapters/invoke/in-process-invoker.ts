import { randomUUID } from 'node:crypto';
// The module's binding: the global `performance` is a getter, run on every read.
import { performance } from 'node:perf_hooks';
import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';
import { carriesAnswer } from '../../platform/in-process-answer.ts';
import { NOT_PLAIN, PAYLOAD_LIMIT_BYTES, plainJsonCopy } from '../../platform/plain-json.ts';
import { unwrap } from './openwhisk-invoker.ts';

type Main = (args: unknown, context?: { getRemainingTimeInMillis?: () => number; activationId?: string; inProcess?: boolean }) => Promise<unknown>;

/** One activation: its context (as the platform gives one) and its deadline, watched by the invoker's one timer. */
class Activation {
  readonly inProcess = true;
  settle: ((r: 'timeout') => void) | undefined;

  constructor(
    readonly activationId: string,
    readonly deadline: number,
  ) {}

  getRemainingTimeInMillis(): number {
    return Math.max(0, this.deadline - performance.now());
  }
}

function failure(code: string, message: string, started: number): InvokeOutcome<never> {
  return { ok: false, error: { code, message, retryable: false }, durationMs: Math.round(performance.now() - started) };
}

/**
 * Calls the functions' `main` in this process (local runtime, backtests, tests): the same handler path
 * (validation, logging, errors) as deployed, without the network, and no kinder than the platform: the
 * arguments arrive as their JSON would (a copy), a request or an answer over 1 MB is refused. The answer
 * travels as a value proved JSON-safe (in-process-answer.ts), not printed and parsed. Each call is bounded
 * by `timeoutMs`, watched by one timer for all calls rather than one per call.
 */
export class InProcessInvoker implements Invoker {
  private readonly pending = new Set<Activation>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private calls = 0;
  private readonly idPrefix = randomUUID().slice(0, 8);

  constructor(private readonly mains: ReadonlyMap<string, Main>) {}

  async invoke<T>(fn: string, params: Record<string, unknown>, { timeoutMs }: { timeoutMs: number }): Promise<InvokeOutcome<T>> {
    const started = performance.now();
    const main = this.mains.get(fn);
    if (!main) return { ok: false, error: { code: 'NOT_FOUND', message: `no function ${fn}`, retryable: false }, durationMs: 0 };
    const args = argsAsSent(fn, params, started);
    if ('error' in args) return args.error;
    const activation = new Activation(`${this.idPrefix}-${++this.calls}`, started + Math.max(1, timeoutMs));
    this.watch(activation);
    try {
      // One promise settled by the answer or by the timer (what Promise.race of the two did, without the second promise and the race's array).
      const result = await new Promise<unknown>((resolve, reject) => {
        activation.settle = resolve;
        main(args.value, activation).then(resolve, reject);
      });
      if (result === 'timeout') {
        return { ok: false, error: { code: 'DEPENDENCY_TIMEOUT', message: `${fn} did not answer within ${timeoutMs} ms`, retryable: true }, durationMs: timeoutMs };
      }
      const tooLarge = oversizedAnswer(fn, result, started);
      return tooLarge ?? unwrap<T>(fn, result as { statusCode?: number; body?: unknown }, started);
    } catch (e) {
      return failure('INTERNAL', `${fn} threw: ${e instanceof Error ? e.message : String(e)}`, started);
    } finally {
      this.pending.delete(activation);
      if (this.pending.size === 0) this.timer?.unref();
    }
  }

  private watch(activation: Activation): void {
    this.pending.add(activation);
    if (this.timer && this.timerAt <= activation.deadline) {
      this.timer.ref();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.arm(activation.deadline);
  }

  private arm(at: number): void {
    this.timerAt = at;
    this.timer = setTimeout(() => this.expire(), Math.max(1, at - performance.now()));
  }

  /** Times out every call past its deadline, then waits for the next deadline (none: the timer is dropped). */
  private expire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const a of this.pending) {
      if (a.deadline <= now) a.settle?.('timeout');
      else next = Math.min(next, a.deadline);
    }
    if (next !== Infinity) this.arm(next);
  }
}

/** The arguments as the platform hands them to the function: a JSON copy, at most 1 MB of JSON text. */
function argsAsSent(fn: string, params: Record<string, unknown>, started: number): { value: Record<string, unknown> } | { error: InvokeOutcome<never> } {
  const plain = plainJsonCopy(params, PAYLOAD_LIMIT_BYTES);
  if (plain !== NOT_PLAIN) return { value: plain.copy };
  let text: string;
  try {
    text = JSON.stringify(params);
  } catch (e) {
    return { error: failure('BAD_REQUEST', `${fn} arguments are not JSON: ${e instanceof Error ? e.message : String(e)}`, started) };
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > PAYLOAD_LIMIT_BYTES) return { error: failure('REQUEST_TOO_LARGE', `${fn} arguments are ${bytes} bytes of JSON; the platform takes at most ${PAYLOAD_LIMIT_BYTES}`, started) };
  return { value: JSON.parse(text) as Record<string, unknown> };
}

/** An answer that does not carry a value proved within the limit is measured as the platform would: its JSON text. */
function oversizedAnswer(fn: string, result: unknown, started: number): InvokeOutcome<never> | null {
  if (carriesAnswer(result)) return null;
  const text = JSON.stringify(result) as string | undefined;
  const bytes = text === undefined ? 0 : Buffer.byteLength(text);
  return bytes > PAYLOAD_LIMIT_BYTES ? failure('RESPONSE_TOO_LARGE', `${fn} answered ${bytes} bytes of JSON; the platform returns at most ${PAYLOAD_LIMIT_BYTES}`, started) : null;
}
