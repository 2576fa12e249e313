import { createTestDb } from '../../../test/support/db.ts';
import { PgTradingStore } from '../postgres/trading/trading-store.ts';
import { PgTradingStateStore } from '../postgres/trading/state.repo.ts';
import { tradingStoreContract, type TradingWorld } from '../../ports/contracts/trading-store.contract.ts';
import { tradingSnapshotContract } from '../../ports/contracts/trading-snapshot.contract.ts';
import { MemoryTradingStore } from './memory-trading-store.ts';
import { MemoryTradingStateStore } from './memory-trading-state.ts';
import { MemoryTradingTables } from './memory-trading-tables.ts';

async function postgres(): Promise<TradingWorld> {
  const db = await createTestDb();
  return { store: new PgTradingStore(db.pool), state: new PgTradingStateStore(db.pool), close: () => db.drop() };
}

async function memory(): Promise<TradingWorld> {
  const tables = new MemoryTradingTables();
  return { store: new MemoryTradingStore(tables), state: new MemoryTradingStateStore(tables), close: async () => undefined };
}

for (const [name, make] of [['postgres', postgres], ['memory', memory]] as const) {
  tradingStoreContract(name, make);
  tradingSnapshotContract(name, make);
}
