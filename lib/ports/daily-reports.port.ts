/** The daily reports (one per New York trading day; writing one again replaces it). */
export interface DailyReportsStore {
  save(day: string, at: number, report: Record<string, unknown>): Promise<void>;
  recent(limit: number): Promise<{ day: string; report: Record<string, unknown> }[]>;
}
