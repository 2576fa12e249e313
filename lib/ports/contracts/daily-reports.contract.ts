import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyReportsStore } from '../daily-reports.port.ts';

/** Declares the cases every DailyReportsStore must pass. */
export function dailyReportsContract(name: string, make: () => Promise<{ reports: DailyReportsStore; close(): Promise<void> }>): void {
  describe(`DailyReportsStore contract (${name})`, () => {
    let w: { reports: DailyReportsStore; close(): Promise<void> };
    beforeEach(async () => {
      w = await make();
    });
    afterEach(() => w.close());

    it('keeps_one_report_per_day_replacing_it_when_written_again_newest_day_first', async () => {
      await w.reports.save('2026-11-20', 1, { trades: 1 });
      await w.reports.save('2026-11-23', 2, { trades: 3, best: { symbol: 'ACME', pnlUsd: 40 } });
      await w.reports.save('2026-11-20', 3, { trades: 2 });
      expect(await w.reports.recent(10)).toEqual([
        { day: '2026-11-23', report: { trades: 3, best: { symbol: 'ACME', pnlUsd: 40 } } },
        { day: '2026-11-20', report: { trades: 2 } },
      ]);
      expect(await w.reports.recent(1)).toHaveLength(1);
    });

    it('refuses_a_day_that_is_not_a_calendar_date', async () => {
      await expect(w.reports.save('2026-02-30', 1, {})).rejects.toThrow();
    });

    it('hands_out_copies', async () => {
      await w.reports.save('2026-11-23', 1, { trades: 3 });
      const [r] = await w.reports.recent(1);
      r!.report.trades = 99;
      expect((await w.reports.recent(1))[0]!.report).toEqual({ trades: 3 });
    });
  });
}
