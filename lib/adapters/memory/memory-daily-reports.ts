import type { DailyReportsStore } from '../../ports/daily-reports.port.ts';
import { fromJsonb, instant, toJsonb } from './memory-json.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The daily reports in memory (one per New York trading day; writing one again replaces it), as postgres/daily-reports.repo.ts. */
export class MemoryDailyReports implements DailyReportsStore {
  private readonly byDay = new Map<string, { createdAt: number; report: string }>();

  async save(day: string, at: number, report: Record<string, unknown>): Promise<void> {
    const m = DAY.exec(day);
    // Postgres's date column refuses what is not a calendar day.
    const valid = m !== null && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
    if (!valid) throw new Error(`invalid input syntax for type date: "${day}" (expected YYYY-MM-DD)`);
    this.byDay.set(day, { createdAt: instant(at), report: toJsonb(report) });
  }

  async recent(limit: number): Promise<{ day: string; report: Record<string, unknown> }[]> {
    if (limit < 0) throw new Error('LIMIT must not be negative');
    return [...this.byDay.keys()].sort().reverse().slice(0, limit).map((day) => ({ day, report: fromJsonb(this.byDay.get(day)!.report) }));
  }
}
