/** The live summary the dashboard polls (Redis: may be lost, rebuilt every tick). */
export interface LiveSummaryStore {
  write(summary: Record<string, unknown>, ttlSeconds: number): Promise<void>;
  read(): Promise<Record<string, unknown> | null>;
}
