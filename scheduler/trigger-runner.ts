import { parseCron } from './cron.ts';
import { invokeLocal } from './invoke.ts';
import type { LoadedFunction } from './function-registry.ts';
import type { ScaledClock } from '../lib/adapters/clock/scaled-clock.ts';

export interface TriggerRunnerOptions {
  functions: Map<string, LoadedFunction>;
  namespace: string;
  /** The clock triggers follow: real time, or simulated time running `speed` times faster. */
  clock: ScaledClock;
  onFire?: (e: { trigger: string; fn: string; at: number; durationMs: number; ok: boolean; skipped?: boolean; result?: unknown }) => void;
}

/**
 * Fires each enabled scheduled trigger on its cron, as DigitalOcean does, with the trigger's body as the
 * function's args. Like the platform, a firing is not delayed by a previous one still running, but the
 * local runtime skips a firing while the previous activation of the same trigger is still in flight.
 */
export function startTriggers(options: TriggerRunnerOptions): { stop(): void } {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  for (const fn of options.functions.values()) {
    for (const trigger of fn.spec.triggers) {
      if (!trigger.enabled) continue;
      const cron = parseCron(trigger.cron);
      let running = false;
      const schedule = () => {
        if (stopped) return;
        const due = cron.next(options.clock.now());
        const timer = setTimeout(async () => {
          timers.delete(timer);
          schedule();
          if (running) {
            options.onFire?.({ trigger: trigger.name, fn: fn.spec.id, at: due, durationMs: 0, ok: true, skipped: true });
            return;
          }
          running = true;
          const out = await invokeLocal(fn, { ...trigger.body }, options.namespace);
          running = false;
          const r = out.result as { statusCode?: number; error?: unknown } | undefined;
          const ok = !out.timedOut && r?.error === undefined && (r?.statusCode ?? 200) < 500;
          options.onFire?.({ trigger: trigger.name, fn: fn.spec.id, at: due, durationMs: out.durationMs, ok, result: out.result });
        }, options.clock.realDelayUntil(due));
        timers.add(timer);
      };
      schedule();
    }
  }
  return {
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
