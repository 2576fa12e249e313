import { newYorkParts } from '../lib/domain/calendar/new-york-time.ts';

interface StageLine {
  name: string;
  ok: boolean;
  ms: number;
  counts: Record<string, number>;
  error?: { code: string; message: string };
}

const KEY_COUNTS: Record<string, string[]> = {
  reconcile: ['fills', 'openPositions', 'corrections'],
  refresh_universe: ['universe', 'stats'],
  news: ['inserted', 'newStories'],
  scan: ['candidates', 'dataCalls'],
  analyze: ['signals'],
  execute: ['sent', 'denied'],
  manage_exits: ['sent'],
  flatten: ['sent'],
  daily_report: ['trades', 'realizedPnlUsd'],
};

/** One console line per coordinator tick: when (simulated New York time), the cycle, each stage's outcome. */
export function describeTick(e: { at: number; durationMs: number; ok: boolean; result?: unknown }): string {
  const p = newYorkParts(e.at);
  const when = `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} ET`;
  const res = e.result as { statusCode?: number; body?: string; error?: { code?: string; message?: string } } | undefined;
  // A failed activation as the platform records it (lib/platform/activation-error.ts): `{error: {code, message}}`.
  if (res?.statusCode === undefined && res?.error) return `${when}  tick FAILED ${res.error.code ?? 'INTERNAL'}: ${res.error.message ?? 'no message'}`;
  let report: { ran?: boolean; skippedBecause?: string; cycleId?: number; status?: string; stages?: StageLine[]; error?: { code: string; message: string } } = {};
  try {
    report = JSON.parse(res?.body ?? '{}') as typeof report;
  } catch {
    /* a non-JSON answer is reported as a failure below */
  }
  if (report.error) return `${when}  tick FAILED ${report.error.code}: ${report.error.message}`;
  if (report.ran === false) return `${when}  tick skipped: ${report.skippedBecause}`;
  const stages = (report.stages ?? []).map((s) => {
    if (!s.ok) return `${s.name} FAILED(${s.error?.code})`;
    const keys = KEY_COUNTS[s.name] ?? [];
    const counts = keys.filter((k) => s.counts[k] !== undefined).map((k) => `${k} ${s.counts[k]}`);
    return counts.length ? `${s.name}(${counts.join(', ')})` : s.name;
  });
  return `${when}  cycle ${report.cycleId ?? '?'} ${report.status ?? (e.ok ? 'ok' : 'failed')} in ${e.durationMs} ms: ${stages.join(' | ')}`;
}

function stagesOf(e: { result?: unknown }): StageLine[] {
  const body = (e.result as { body?: unknown } | undefined)?.body;
  if (typeof body !== 'string') return [];
  try {
    const report = JSON.parse(body) as { stages?: StageLine[] };
    return Array.isArray(report.stages) ? report.stages : [];
  } catch {
    return [];
  }
}

/** How many entry orders a coordinator tick sent (its `execute` stage's `sent`). */
export function entriesSent(e: { result?: unknown }): number {
  return stagesOf(e).find((s) => s.name === 'execute')?.counts?.sent ?? 0;
}

/** Whether a coordinator tick scanned for candidates. */
export function scanRan(e: { result?: unknown }): boolean {
  return stagesOf(e).some((s) => s.name === 'scan' && s.ok);
}
