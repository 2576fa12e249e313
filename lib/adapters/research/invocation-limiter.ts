/**
 * The client side of a namespace's invocation limits: at most `concurrent` in flight and `perMinute` started
 * in any rolling minute; a caller past either waits its turn (the platform would refuse it with 429).
 * `now` and `sleep` are wall time (injected for tests).
 */
export function invocationLimiter(limits: { concurrent: number; perMinute: number }, clock: { now: () => number; sleep: (ms: number) => Promise<void> }) {
  for (const [name, v] of Object.entries(limits)) if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number >= 1 (got ${v})`);
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const started: number[] = [];
  // One caller at a time through the rate check, so two callers never take the same last start of a minute.
  let gate: Promise<void> = Promise.resolve();
  const startSlot = async () => {
    for (;;) {
      const t = clock.now();
      while (started.length && started[0]! <= t - 60_000) started.shift();
      if (started.length < limits.perMinute) return void started.push(t);
      await clock.sleep(started[0]! + 60_000 - t + 1);
    }
  };
  return {
    /** Runs `work` once both limits allow it. */
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (inFlight >= limits.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
      else inFlight++;
      try {
        const turn = gate.then(startSlot);
        gate = turn.catch(() => undefined);
        await turn;
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else inFlight--;
      }
    },
    /** Invocations in flight and started in the last minute (for tests and progress lines). */
    state: () => ({ inFlight, startedLastMinute: started.filter((s) => s > clock.now() - 60_000).length }),
  };
}
