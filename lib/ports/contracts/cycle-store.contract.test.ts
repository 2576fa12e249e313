import { cycleStoreContract } from './cycle-store.contract.ts';
import { createTestDb } from '../../../test/support/db.ts';
import { PgCycleStore } from '../../adapters/postgres/cycles.repo.ts';
import { PgFenceTokens } from '../../adapters/postgres/fence.ts';
import { MemoryCycleStore } from '../../adapters/memory/memory-cycle-store.ts';
import { MemoryFences } from '../../adapters/memory/memory-fences.ts';

cycleStoreContract('PgCycleStore (real PostgreSQL)', async () => {
  const db = await createTestDb();
  return { store: new PgCycleStore(db.pool), tokens: new PgFenceTokens(db.pool), close: () => db.drop() };
});
cycleStoreContract('MemoryCycleStore', async () => {
  const fences = new MemoryFences();
  return { store: new MemoryCycleStore(fences), tokens: fences, close: async () => undefined };
});
