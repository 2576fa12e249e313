import { analysisStoreContract } from './analysis-store.contract.ts';
import { createTestDb } from '../../../test/support/db.ts';
import { PgAnalysisStore } from '../../adapters/postgres/analysis.repo.ts';
import { MemoryAnalysisStore } from '../../adapters/memory/memory-analysis-store.ts';

analysisStoreContract('PgAnalysisStore (real PostgreSQL)', async () => {
  const db = await createTestDb();
  return { store: new PgAnalysisStore(db.pool), close: () => db.drop() };
});
analysisStoreContract('MemoryAnalysisStore', async () => ({ store: new MemoryAnalysisStore(), close: async () => undefined }));
