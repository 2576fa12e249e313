import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.ts';
import { FakeBroker } from '../../../test/support/fake-broker.ts';
import { createLogger } from '../../platform/logger.ts';
import { submitIntents } from '../../app/trading/submit-intents.ts';
import { reconcile } from '../../app/trading/reconcile.ts';
import { PgTradingStore } from '../postgres/trading/trading-store.ts';
import { PgTradingStateStore } from '../postgres/trading/state.repo.ts';
import type { TradingStore } from '../../ports/trading-store.port.ts';
import type { TradingStateStore } from '../../ports/trading-state.port.ts';
import { intent, T0 } from '../../ports/contracts/trading-fixtures.ts';
import { MemoryTradingTables } from './memory-trading-tables.ts';
import { MemoryTradingStore } from './memory-trading-store.ts';
import { MemoryTradingStateStore } from './memory-trading-state.ts';

const SYMBOLS = ['ACME', 'BETA', 'GAMMA', 'DELTA'];
const log = createLogger({ sink: () => undefined });

/**
 * A seeded session of entries, partial fills, exits, ambiguous submits and reconciles through the real use
 * cases and a fake broker; every answer of the store is written down, in order.
 */
async function session(store: TradingStore, state: TradingStateStore, seed: number): Promise<string[]> {
  let x = seed;
  const rnd = () => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  let now = T0;
  const clock = { now: () => now };
  const broker = new FakeBroker(clock.now);
  const deps = { broker, store, clock, log };
  const out: string[] = [];
  const note = (step: string, v: unknown) => out.push(`${step} ${JSON.stringify(v)}`);
  for (let step = 0; step < 60; step++) {
    now += Math.floor(rnd() * 90_000);
    const symbol = SYMBOLS[Math.floor(rnd() * SYMBOLS.length)]!;
    const roll = rnd();
    const token = 1 + Math.floor(step / 10);
    if (roll < 0.3) {
      broker.failNextSubmit = rnd() < 0.15 ? (rnd() < 0.5 ? 'before' : 'after') : null;
      const cid = `c${step}-${symbol}`;
      const req = { clientOrderId: cid, symbol, side: 'buy' as const, type: 'market' as const, timeInForce: 'day' as const, qty: 10 * (1 + Math.floor(rnd() * 5)) };
      const report = await submitIntents(deps, [intent(cid, { createdAt: now, cycleId: step, request: req, storyId: step % 3, signalId: step })], token).catch((e: Error) => e.message);
      note('submit', report);
    } else if (roll < 0.55) {
      const open = [...broker.orders.values()].filter((o) => o.status === 'new' || o.status === 'partially_filled');
      const o = open[Math.floor(rnd() * open.length)];
      if (o) broker.fill(o.id, Math.min((o.qty ?? 0) - o.filledQty, 5 * (1 + Math.floor(rnd() * 4))), Math.round((10 + rnd() * 2) * 100) / 100);
    } else if (roll < 0.7) {
      const p = broker.positions.get(symbol);
      if (p && p.side === 'long') {
        const cid = `x${step}-${symbol}`;
        const req = { clientOrderId: cid, symbol, side: 'sell' as const, type: 'market' as const, timeInForce: 'day' as const, qty: p.qty };
        note('exit', await submitIntents(deps, [intent(cid, { kind: 'exit', exitReason: 'time_exit', createdAt: now, request: req, plan: undefined })], token));
        const sent = [...broker.orders.values()].find((o) => o.clientOrderId === cid);
        if (sent && rnd() < 0.7) broker.fill(sent.id, sent.qty ?? 0, Math.round((10 + rnd() * 2) * 100) / 100);
      }
    } else {
      note('reconcile', await reconcile(deps, token));
      note('positions', await store.openPositions());
      note('trips', await store.openTrips());
      note('unsettled', await store.unsettledIntents());
      note('cursor', await store.fillCursor());
      note('stale', await store.staleOpenOrderIds([], 50));
      note('facts', await state.riskFacts(T0, now, 30));
    }
  }
  note('final', await reconcile(deps, null));
  note('trips', await store.openTrips());
  return out;
}

describe('memory trading store against Postgres through the real use cases', () => {
  for (const seed of [7, 42, 99]) {
    it(`gives_the_same_answers_in_the_same_order_on_seeded_session_${seed}`, async () => {
      const db = await createTestDb();
      try {
        const pg = await session(new PgTradingStore(db.pool), new PgTradingStateStore(db.pool), seed);
        const tables = new MemoryTradingTables();
        const mem = await session(new MemoryTradingStore(tables), new MemoryTradingStateStore(tables), seed);
        expect(pg.filter((l) => l.startsWith('reconcile')).length).toBeGreaterThan(5);
        expect(pg.some((l) => l.startsWith('reconcile') && !l.includes('"tripsClosed":0'))).toBe(true);
        for (let n = 0; n < Math.max(pg.length, mem.length); n++) expect({ n, line: mem[n] }).toEqual({ n, line: pg[n] });
      } finally {
        await db.drop();
      }
    });
  }
});
