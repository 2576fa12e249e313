import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReportsStore } from '../daily-reports.port.ts';

export interface OpenedDailyReports {
  store: DailyReportsStore;
  close(): Promise<void>;
}

const T = Date.parse('2026-11-23T21:05:00Z');

/** The DailyReportsStore contract: every implementation must pass it. */
export function dailyReportsContract(name: string, open: () => Promise<OpenedDailyReports>): void {
  describe(`DailyReportsStore contract: ${name}`, () => {
    let opened: OpenedDailyReports;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(() => opened.close());

    it('keeps_one_report_a_day_and_lists_the_latest_days_first', async () => {
      const { store } = opened;
      expect(await store.recent(5)).toEqual([]);
      await store.save('2026-11-20', T, { pnl: 10 });
      await store.save('2026-11-23', T, { pnl: -5, trades: [{ symbol: 'ACME' }] });
      await store.save('2026-11-20', T + 1, { pnl: 12, note: undefined });
      expect(await store.recent(5)).toEqual([
        { day: '2026-11-23', report: { pnl: -5, trades: [{ symbol: 'ACME' }] } },
        { day: '2026-11-20', report: { pnl: 12 } },
      ]);
      expect((await store.recent(1)).map((r) => r.day)).toEqual(['2026-11-23']);
      const [read] = await store.recent(1);
      (read!.report.trades as unknown[]).length = 0;
      expect((await store.recent(1))[0]!.report.trades).toEqual([{ symbol: 'ACME' }]);
    });

    it('refuses_a_day_that_is_not_a_date', async () => {
      await expect(opened.store.save('2026-02-30', T, {})).rejects.toThrow();
      await expect(opened.store.save('2026-11-23x', T, {})).rejects.toThrow();
    });
  });
}
