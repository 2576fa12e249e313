import { dailyReportsContract } from './daily-reports.contract.ts';
import { createTestDb } from '../../../test/support/db.ts';
import { PgDailyReports } from '../../adapters/postgres/daily-reports.repo.ts';
import { MemoryDailyReports } from '../../adapters/memory/memory-daily-reports.ts';

dailyReportsContract('PgDailyReports (real PostgreSQL)', async () => {
  const db = await createTestDb();
  return { store: new PgDailyReports(db.pool), close: () => db.drop() };
});
dailyReportsContract('MemoryDailyReports', async () => ({ store: new MemoryDailyReports(), close: async () => undefined }));
