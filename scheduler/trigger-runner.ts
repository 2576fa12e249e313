import { parseCron } from './cron.ts';
import { invokeLocal } from './invoke.ts';
import type { LoadedFunction } from './function-registry.ts';
import type { ScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import type { Admission } from './namespace-limits.ts';

/** How the runner waits: Node's timers by default; tests inject their own (a timer may fire early or late). */
export interface TriggerTimers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

const nodeTimers: TriggerTimers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface TriggerRunnerOptions {
  functions: Map<string, LoadedFunction>;
  namespace: string;
  /** The clock triggers follow: real time, or simulated time running `speed` times faster. */
  clock: ScaledClock;
  timers?: TriggerTimers;
  onFire?: (e: TriggerFiring) => void;
  /**
   * The namespace's invocation limits (the runtime server's gate): a scheduled activation counts toward them like
   * any other, and past them the platform throttles it (429), so the firing does not run.
   */
  admit?: () => Admission;
}

/** One scheduled firing: when it was due (on `clock`), how long it took, its outcome, or that it was skipped. */
export interface TriggerFiring {
  trigger: string;
  fn: string;
  at: number;
  durationMs: number;
  ok: boolean;
  skipped?: boolean;
  /** Refused by the namespace's limits: the message the platform's 429 carries. */
  throttled?: string;
  result?: unknown;
}

/**
 * Fires each enabled scheduled trigger on its cron, as DigitalOcean does, with the trigger's body as the
 * function's args. Each scheduled minute fires exactly once: the next one is looked up after the later of
 * "now" and the minute just fired, so a timer that wakes a fraction of a millisecond early (Node rounds
 * delays; a scaled clock divides them) cannot fire the same minute again. Like the platform, a firing is not
 * delayed by a previous one still running, but the local runtime skips a firing while the previous activation
 * of the same trigger is still in flight. Each firing counts toward the namespace's limits (`admit`); one past
 * them is throttled and reported, not run.
 */
export function startTriggers(options: TriggerRunnerOptions): { stop(): Promise<void> } {
  const timers = options.timers ?? nodeTimers;
  const pending = new Set<unknown>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  for (const fn of options.functions.values()) {
    for (const trigger of fn.spec.triggers) {
      if (!trigger.enabled) continue;
      const cron = parseCron(trigger.cron);
      let running = false;
      let lastFired = -Infinity;
      const fire = async (due: number) => {
        if (running) {
          options.onFire?.({ trigger: trigger.name, fn: fn.spec.id, at: due, durationMs: 0, ok: true, skipped: true });
          return;
        }
        const admission = options.admit ? options.admit() : { ok: true as const, release: () => undefined };
        if (!admission.ok) {
          options.onFire?.({ trigger: trigger.name, fn: fn.spec.id, at: due, durationMs: 0, ok: false, throttled: admission.message, result: { error: { code: 'THROTTLED', message: admission.message } } });
          return;
        }
        running = true;
        const out = await invokeLocal(fn, { ...trigger.body }, options.namespace, admission.release);
        running = false;
        const r = out.result as { statusCode?: number; error?: unknown } | undefined;
        const ok = !out.timedOut && r?.error === undefined && (r?.statusCode ?? 200) < 500;
        options.onFire?.({ trigger: trigger.name, fn: fn.spec.id, at: due, durationMs: out.durationMs, ok, result: out.result });
      };
      const schedule = () => {
        if (stopped) return;
        const due = cron.next(Math.max(options.clock.now(), lastFired));
        const handle = timers.set(() => {
          pending.delete(handle);
          lastFired = due;
          schedule();
          const firing = fire(due).finally(() => inFlight.delete(firing));
          inFlight.add(firing);
        }, options.clock.realDelayUntil(due));
        pending.add(handle);
      };
      schedule();
    }
  }
  return {
    /** No further firing; settles when the activations still running have finished (so a stop never cuts one off). */
    async stop() {
      stopped = true;
      for (const t of pending) timers.clear(t);
      pending.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
