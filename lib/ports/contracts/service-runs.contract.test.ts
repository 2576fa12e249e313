import { serviceRunsContract } from './service-runs.contract.ts';
import { createTestDb } from '../../../test/support/db.ts';
import { PgServiceRunsStore } from '../../adapters/postgres/service-runs.repo.ts';
import { MemoryServiceRuns } from '../../adapters/memory/memory-service-runs.ts';

serviceRunsContract('PgServiceRunsStore (real PostgreSQL)', async () => {
  const db = await createTestDb();
  return { store: new PgServiceRunsStore(db.pool), close: () => db.drop() };
});
serviceRunsContract('MemoryServiceRuns', async () => ({ store: new MemoryServiceRuns(), close: async () => undefined }));
