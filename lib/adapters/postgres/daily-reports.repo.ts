import type pg from 'pg';
import type { DailyReportsStore } from '../../ports/daily-reports.port.ts';

/** The daily reports (one per New York trading day; writing one again replaces it). */
export class PgDailyReports implements DailyReportsStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(day: string, at: number, report: Record<string, unknown>): Promise<void> {
    await this.pool.query(
      `INSERT INTO daily_reports (day, created_at, report) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE SET created_at = EXCLUDED.created_at, report = EXCLUDED.report`,
      [day, new Date(at).toISOString(), JSON.stringify(report)],
    );
  }

  async recent(limit: number): Promise<{ day: string; report: Record<string, unknown> }[]> {
    const { rows } = await this.pool.query(`SELECT day::text, report FROM daily_reports ORDER BY day DESC LIMIT $1`, [limit]);
    return rows as { day: string; report: Record<string, unknown> }[];
  }
}
