import * as api from './api/endpoints.ts';
import type { Summary } from './api/types.ts';

/** How often the summary (state, equity, last tick) is polled: the one read every page shows. */
const EVERY_MS = 4000;

let last: Summary | null = null;
let timer: number | undefined;
let inFlight: Promise<void> | null = null;
const listeners = new Set<(s: Summary) => void>();

/** Fetches the summary now and tells every listener (errors surface on the banner through the client). */
export function refreshSummary(): Promise<void> {
  inFlight ??= api
    .summary()
    .then((s) => {
      last = s;
      for (const l of listeners) l(s);
    })
    .catch(() => undefined)
    .finally(() => (inFlight = null));
  return inFlight;
}

/** Calls `listener` with every new summary (and at once with the last one); returns the unsubscribe. */
export function onSummary(listener: (s: Summary) => void): () => void {
  listeners.add(listener);
  if (last) listener(last);
  return () => listeners.delete(listener);
}

export function startSummaryPolling(): void {
  window.clearInterval(timer);
  void refreshSummary();
  timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') void refreshSummary();
  }, EVERY_MS);
}

export function stopSummaryPolling(): void {
  window.clearInterval(timer);
  last = null;
}
