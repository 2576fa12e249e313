import { createTestDb } from '../../../test/support/db.ts';
import { PgDailyReports } from '../postgres/daily-reports.repo.ts';
import { dailyReportsContract } from '../../ports/contracts/daily-reports.contract.ts';
import { MemoryDailyReports } from './memory-daily-reports.ts';

dailyReportsContract('postgres', async () => {
  const db = await createTestDb();
  return { reports: new PgDailyReports(db.pool), close: () => db.drop() };
});
dailyReportsContract('memory', async () => ({ reports: new MemoryDailyReports(), close: async () => undefined }));
