import { newsStoreContract } from './news-store.contract.ts';
import { createTestDb } from '../../../test/support/db.ts';
import { PgNewsStore } from '../../adapters/postgres/news.repo.ts';
import { MemoryNewsStore } from '../../adapters/memory/memory-news-store.ts';

newsStoreContract('PgNewsStore (real PostgreSQL)', async (sameStory) => {
  const db = await createTestDb();
  return { store: new PgNewsStore(db.pool, sameStory), close: () => db.drop() };
});
newsStoreContract('MemoryNewsStore', async (sameStory) => ({ store: new MemoryNewsStore(sameStory), close: async () => undefined }));
