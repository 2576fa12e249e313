/** DigitalOcean Functions' limits per namespace: invocations in flight, and invocations started in any minute. */
export const NAMESPACE_LIMITS = { concurrent: 120, perMinute: 600 } as const;

export type Admission = { ok: true; release: () => void } | { ok: false; message: string };

/**
 * The local runtime's double of the namespace limits (invariant 8: at least as strict as the platform): an
 * invocation past either limit is refused at once, as OpenWhisk answers 429, rather than queued.
 * `now` is wall time in ms (the limits are real time, whatever the simulated clock says).
 */
export function namespaceGate(limits: { concurrent: number; perMinute: number } = NAMESPACE_LIMITS, now: () => number = Date.now) {
  let inFlight = 0;
  // Start times of the last minute, oldest first (at most `perMinute` of them).
  const started: number[] = [];
  return {
    admit(): Admission {
      const t = now();
      while (started.length && started[0]! <= t - 60_000) started.shift();
      if (inFlight >= limits.concurrent) return { ok: false, message: `Too many concurrent requests in flight (count: ${inFlight}, allowed: ${limits.concurrent}).` };
      if (started.length >= limits.perMinute) return { ok: false, message: `Too many requests in the last minute (count: ${started.length}, allowed: ${limits.perMinute}).` };
      inFlight++;
      started.push(t);
      let released = false;
      return {
        ok: true,
        release: () => {
          if (!released) inFlight--;
          released = true;
        },
      };
    },
  };
}
