import type { DailyReportsStore } from '../../ports/daily-reports.port.ts';
import { asJsonb, cloneJson } from './memory-json.ts';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// The column is a date: Postgres refuses a day that is not one, and so does this store.
function checkDay(day: string): void {
  const m = ISO_DAY.exec(day);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== day) throw new Error(`daily report day: expected a date as YYYY-MM-DD, got ${JSON.stringify(day)}`);
}

/** The daily reports in memory (postgres/daily-reports.repo.ts): one per day, a second save replaces it. */
export class MemoryDailyReports implements DailyReportsStore {
  private readonly byDay = new Map<string, Record<string, unknown>>();

  async save(day: string, _at: number, report: Record<string, unknown>): Promise<void> {
    checkDay(day);
    this.byDay.set(day, asJsonb(report));
  }

  async recent(limit: number): Promise<{ day: string; report: Record<string, unknown> }[]> {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`daily reports limit: expected a whole number >= 0, got ${limit}`);
    const days = [...this.byDay.keys()].sort().reverse().slice(0, limit);
    return days.map((day) => ({ day, report: cloneJson(this.byDay.get(day)!) }));
  }
}
