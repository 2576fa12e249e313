import { fileURLToPath } from 'node:url';
import type { Order } from '../lib/domain/orders.ts';
import { MemoryTradingTables } from '../lib/adapters/memory/memory-trading-tables.ts';
import { MemoryTradingStore } from '../lib/adapters/memory/memory-trading-store.ts';
import { MemoryTradingStateStore } from '../lib/adapters/memory/memory-trading-state.ts';
import { account, fill, intent, order, position, snapshot, T0 } from '../lib/ports/contracts/trading-fixtures.ts';
import { printFigures, printSection } from './report.ts';

const SYMBOLS = Array.from({ length: 20 }, (_, n) => `S${n}`);
const TICKS = 100_000;

/**
 * The in-memory trading store under a backtest's load: every tick reads what reconcile, execute and
 * manage-exits read and applies one broker snapshot; every 50th tick enters a symbol and every 50th
 * (offset) closes it, so history grows as a long run's does. Figures in CPU time of this thread.
 */
export async function benchMemoryTrading(): Promise<boolean> {
  printSection(`memory trading store: ${TICKS} ticks, ${SYMBOLS.length} symbols`);
  const tables = new MemoryTradingTables();
  const store = new MemoryTradingStore(tables);
  const state = new MemoryTradingStateStore(tables);
  const open = new Map<string, { qty: number; price: number }>();
  let calls = 0;
  const started = process.cpuUsage();
  for (let tick = 0; tick < TICKS; tick++) {
    const now = T0 + tick * 60_000;
    const symbol = SYMBOLS[tick % SYMBOLS.length]!;
    const orders: Order[] = [];
    const fills = [];
    if (tick % 50 === 0 && !open.has(symbol)) {
      const cid = `e${tick}`;
      const [rec] = await store.saveIntents([intent(cid, { createdAt: now, request: { clientOrderId: cid, symbol, side: 'buy', type: 'market', timeInForce: 'day', qty: 10 } })], tick);
      await store.markSubmitting([rec!.id], now, tick);
      const o = order(`o${tick}`, cid, { symbol, status: 'filled', filledQty: 10, filledAvgPrice: 10, createdAt: now, updatedAt: now });
      await store.recordOutcome(rec!.id, { status: 'accepted', order: o }, now, tick);
      orders.push(o);
      fills.push(fill(`f${tick}`, o.id, 10, 10, now, { symbol }));
      open.set(symbol, { qty: 10, price: 10 });
      calls += 3;
    } else if (tick % 50 === 25 && open.has(SYMBOLS[(tick - 25) % SYMBOLS.length]!)) {
      const symbol = SYMBOLS[(tick - 25) % SYMBOLS.length]!;
      const cid = `x${tick}`;
      const [rec] = await store.saveIntents([intent(cid, { kind: 'exit', exitReason: 'time_exit', createdAt: now, plan: undefined, request: { clientOrderId: cid, symbol, side: 'sell', type: 'market', timeInForce: 'day', qty: 10 } })], tick);
      const o = order(`o${tick}`, cid, { symbol, side: 'sell', status: 'filled', filledQty: 10, filledAvgPrice: 10.5, createdAt: now, updatedAt: now });
      await store.recordOutcome(rec!.id, { status: 'accepted', order: o }, now, tick);
      orders.push(o);
      fills.push(fill(`f${tick}`, o.id, 10, 10.5, now, { symbol, side: 'sell' }));
      open.delete(symbol);
      calls += 2;
    }
    await store.fillCursor();
    await store.unsettledIntents();
    const positions = [...open].map(([s, p]) => position(s, 'long', p.qty, p.price));
    await store.applySnapshot(snapshot(now, { account: account(), orders, fills, positions, fillCursor: fills.length ? { at: now, id: fills.at(-1)!.id } : null }), [], tick);
    await store.staleOpenOrderIds(orders.map((o) => o.id), 50);
    await store.openPositions();
    await store.openTrips();
    await store.deferredCloses(now - 390 * 60_000);
    await state.riskFacts(now - 390 * 60_000, now, 30);
    await store.intentsByClientOrderId([`e${tick}`]);
    await state.load();
    calls += 10;
  }
  const cpu = process.cpuUsage(started);
  const seconds = (cpu.user + cpu.system) / 1e6;
  const trips = tables.trades.size;
  console.log(`  (${trips} round trips, ${tables.intents.size} intents, ${tables.accounts.length} account points stored)`);
  // A component figure with no target of its own: the backtest's targets are for the whole system (issue 16).
  return printFigures([
    { name: 'ticks per CPU second (10 store calls each)', value: Math.round(TICKS / seconds), unit: 'ticks/s' },
    { name: 'CPU per tick, store and this loop', value: (seconds * 1e6) / TICKS, unit: 'µs' },
    { name: 'CPU per store call', value: (seconds * 1e6) / calls, unit: 'µs' },
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await benchMemoryTrading()) ? 0 : 1;
