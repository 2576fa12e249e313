import type { TriggerTimers } from '../../scheduler/trigger-runner.ts';

/**
 * A wall clock that skips only idle time, for driving npm start's composition faster than real time without
 * making it kinder: while a firing runs, time is real (a tick that takes 400 ms moves a 60x clock by 24
 * simulated seconds, and a timer due meanwhile fires meanwhile, so the trigger runner skips it as it would);
 * once the firing has settled, the wait until the next timer is skipped at once.
 */
export interface FastForward {
  /** The wall clock the system reads (Date.now plus the time skipped so far). */
  realNow: () => number;
  /** The trigger runner's timers over that clock. */
  timers: TriggerTimers;
  /** Call when a firing has finished (the runner's onFire, not for skipped ones): the system is idle again. */
  settled(): void;
}

interface Pending {
  callback: () => void;
  due: number;
  done: boolean;
  real?: NodeJS.Timeout;
  immediate?: NodeJS.Immediate;
}

/** A fresh fast-forwarding wall clock; nothing is running at first. */
export function fastForward(): FastForward {
  let skipped = 0;
  let busy = false;
  const waiting = new Set<Pending>();
  const realNow = () => Date.now() + skipped;
  const cancel = (p: Pending) => {
    if (p.real) clearTimeout(p.real);
    if (p.immediate) clearImmediate(p.immediate);
    p.real = undefined;
    p.immediate = undefined;
  };
  const run = (p: Pending) => {
    if (p.done) return;
    p.done = true;
    cancel(p);
    waiting.delete(p);
    busy = true;
    p.callback();
  };
  const skipTo = (p: Pending) => {
    p.immediate = setImmediate(() => {
      skipped += Math.max(0, p.due - realNow());
      run(p);
    });
  };
  return {
    realNow,
    timers: {
      set(callback, delayMs) {
        const p: Pending = { callback, due: realNow() + delayMs, done: false };
        waiting.add(p);
        if (busy) p.real = setTimeout(() => run(p), delayMs);
        else skipTo(p);
        return p;
      },
      clear(handle) {
        const p = handle as Pending;
        p.done = true;
        cancel(p);
        waiting.delete(p);
      },
    },
    settled() {
      busy = false;
      for (const p of waiting) {
        if (p.done || p.immediate) continue;
        cancel(p);
        skipTo(p);
      }
    },
  };
}
