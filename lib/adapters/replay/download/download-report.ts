import type { DownloadProgress, DownloadSummary } from './history-download.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** `1h 02m`, `3m 05s`, `12s`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The one-line progress a terminal shows while a download runs. */
export function progressLine(p: DownloadProgress): string {
  return [
    `units ${count(p.unitsDone)}/${count(p.unitsTotal)}`,
    `symbol-days ${count(p.symbolDaysDone)}/${count(p.symbolDaysTotal)}`,
    `bars ${count(p.barsStored)}`,
    `news ${count(p.newsStored)}`,
    `requests ${count(p.requests)}${p.retries ? ` (${p.retries} retried)` : ''}`,
    `left this minute ${p.requestsLeft === null ? '?' : count(p.requestsLeft)}`,
    `time left ${p.remainingMs === null ? '?' : duration(p.remainingMs)}`,
  ].join(' | ');
}

/** The final summary, a few lines. */
export function summaryLines(s: DownloadSummary): string[] {
  const lines = [
    `Done in ${duration(s.elapsedMs)}: ${count(s.unitsDone)} unit(s) of work, ${count(s.requests)} request(s)${s.retries ? `, ${s.retries} retried (${s.rateLimited} rate-limited)` : ''}.`,
    `Stored ${count(s.barsStored)} new or changed bar(s) and ${count(s.newsStored)} news version(s); ${count(s.symbolDaysDone)}/${count(s.symbolDaysTotal)} symbol-days of bars complete.`,
  ];
  if (s.resumed.symbolDays || s.resumed.newsWindows) lines.push(`Resumed: ${count(s.resumed.symbolDays)} symbol-day(s) of bars and ${s.resumed.newsWindows} news window(s) were already downloaded (checkpoints).`);
  if (s.rejected.length) {
    lines.push(`Rejected ${s.rejected.length} row(s):`);
    for (const r of s.rejected.slice(0, 20)) lines.push(`  ${r.what}: ${r.reason}`);
    if (s.rejected.length > 20) lines.push(`  ... and ${s.rejected.length - 20} more`);
  }
  return lines;
}
