import type pg from 'pg';
import { createPool } from '../../../lib/adapters/postgres/pool.ts';
import type { Broker } from '../../../lib/ports/broker.port.ts';
import type { NewIntent } from '../../../lib/ports/trading-store.port.ts';
import type { OrderRequest, SubmitOutcome } from '../../../lib/domain/orders.ts';
import type { EpochMs } from '../../../lib/domain/time.ts';
import { MINUTE_MS } from '../../../lib/domain/time.ts';
import { calendarDay } from '../../../lib/domain/calendar/nyse-calendar.ts';
import type { Random } from '../../../lib/shared/random.ts';
import { createFakeSimFeed, equityAsset, randomWalkBars, type FakeSimFeed } from '../../../lib/adapters/sim/broker/fake-sim-feed.ts';
import { manualClock, type ManualClock } from '../../../lib/adapters/sim/broker/sim-broker-fixture.ts';
import { SimBroker } from '../../../lib/adapters/sim/broker/sim-broker.ts';
import type { SimBrokerConfig } from '../../../lib/adapters/sim/broker/sim-broker-config.ts';
import type { SimBrokerStore } from '../../../lib/adapters/sim/broker/state-store.ts';

/** The trading day every fault run happens on (a regular Tuesday session). */
export const FAULT_DAY = '2026-03-10';
export const SYMBOLS = ['ACME', 'BOLT', 'CRUX', 'DYNA', 'EPIC', 'FLUX', 'GRIT', 'HALO'] as const;

/**
 * Partial fills are common (an order may take 5 % of a bar's volume, bars hold 1,000-10,000 shares) and
 * fills pay slippage, so prices and quantities vary between executions.
 */
export const FAULT_BROKER_CONFIG: Partial<SimBrokerConfig> = { slippageBps: 2, volumeImpactBps: 10, maxParticipation: 0.05 };

/** One shared market for every run: eight shortable, fractionable equities, seeded random-walk minute bars. */
export function faultFeed(): FakeSimFeed {
  const feed = createFakeSimFeed({ assets: SYMBOLS.map((s) => equityAsset(s)) });
  const day = calendarDay(FAULT_DAY)!;
  const minutes: EpochMs[] = [];
  for (let t = day.open - 30 * MINUTE_MS; t < day.close; t += MINUTE_MS) minutes.push(t);
  for (const [symbol, bars] of randomWalkBars(SYMBOLS, minutes, 20_260_310)) feed.addBars(symbol, bars);
  return feed;
}

/** Counts the submits that reached the broker, per client order id (a wrapper that sits in front of the simulator). */
export class SubmitSpy {
  readonly byClientOrderId = new Map<string, number>();
  wrap(inner: Broker): Broker {
    const counts = this.byClientOrderId;
    return new Proxy(inner, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'submitOrder') {
          return (request: OrderRequest): Promise<SubmitOutcome> => {
            counts.set(request.clientOrderId, (counts.get(request.clientOrderId) ?? 0) + 1);
            return target.submitOrder(request);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
  /** Client order ids sent more than once. */
  repeated(): [string, number][] {
    return [...this.byClientOrderId].filter(([, n]) => n > 1);
  }
  get total(): number {
    return [...this.byClientOrderId.values()].reduce((a, b) => a + b, 0);
  }
}

/** A simulated broker's state that outlives the processes using it, and how a new process reaches it. */
export interface BrokerSide {
  store: SimBrokerStore;
  spy: SubmitSpy;
  /** A new SimBroker object over the same account (what a freshly started process builds). */
  fresh(): Broker;
  /** The broker's own view, for checking invariants (no spy, no faults). */
  truth(): SimBroker;
}

export function brokerSide(feed: FakeSimFeed, clock: ManualClock, store: SimBrokerStore): BrokerSide {
  const spy = new SubmitSpy();
  const make = () => new SimBroker({ feed, clock, store, config: FAULT_BROKER_CONFIG });
  return { store, spy, fresh: () => spy.wrap(make()), truth: make };
}

/** A clock in the session of FAULT_DAY, between 10:00 and 15:00 New York. */
export function sessionClock(rnd: Random): ManualClock {
  const day = calendarDay(FAULT_DAY)!;
  return manualClock(day.open + 30 * MINUTE_MS + rnd.int(0, 300) * MINUTE_MS);
}

const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * The intents of one cycle: 1-4 entries on distinct symbols, long or short, as market orders, bracket
 * market orders or limit orders (marketable or resting), sized from a share to several bars' worth of
 * volume. The first one is always a market order, so every cycle trades. Deterministic for `rnd`.
 */
export function cycleIntents(rnd: Random, feed: FakeSimFeed, now: EpochMs, tag: string, count = rnd.int(1, 4)): NewIntent[] {
  const symbols = [...SYMBOLS];
  const out: NewIntent[] = [];
  for (let i = 0; i < count; i++) {
    const symbol = symbols.splice(rnd.int(0, symbols.length - 1), 1)[0]!;
    const last = feed.quoteAt(symbol, now)!;
    const mid = (last.bidPrice + last.askPrice) / 2;
    const side = rnd.chance(0.7) ? 'buy' : 'sell';
    const sign = side === 'buy' ? 1 : -1;
    const qty = rnd.chance(0.3) ? rnd.int(150, 400) : rnd.int(1, 60);
    const kind = i === 0 ? rnd.pick(['market', 'bracket'] as const) : rnd.pick(['market', 'bracket', 'limit', 'resting'] as const);
    const cid = `c1-fault-${symbol}-${tag}-en`;
    const edge = (0.003 + rnd.next() * 0.012) * mid;
    let request: OrderRequest = { clientOrderId: cid, symbol, side, type: 'market', timeInForce: 'day', qty };
    if (kind === 'bracket') {
      request = { ...request, orderClass: 'bracket', takeProfit: { limitPrice: cents(mid + sign * edge) }, stopLoss: { stopPrice: cents(mid - sign * edge) } };
    } else if (kind === 'limit') {
      request = { ...request, type: 'limit', limitPrice: cents(mid * (1 + sign * 0.005)) };
    } else if (kind === 'resting') {
      request = { ...request, type: 'limit', limitPrice: cents(mid * (1 - sign * 0.05)) };
    }
    out.push({
      clientOrderId: cid,
      cycleId: 1,
      createdAt: now,
      kind: 'entry',
      request,
      reason: `fault run ${tag}: ${kind} ${side} ${qty} ${symbol}`,
      plan: { stopPrice: cents(mid - sign * edge), takeProfitPrice: cents(mid + sign * edge), riskPerUnitUsd: cents(edge) || 0.01, timeExitAt: null },
      signalId: null,
      storyId: null,
      newsItemId: null,
      risk: { approved: true },
    });
  }
  return out;
}

/**
 * Empties what the order path writes, so one schema serves many runs. The audit log is append-only (a
 * trigger refuses deletes): it is kept, and the id it has reached is returned so a run reads only its own.
 */
export async function resetTrading(pool: pg.Pool): Promise<number> {
  await pool.query(
    `WITH a AS (DELETE FROM fills), b AS (DELETE FROM orders), c AS (DELETE FROM positions), d AS (DELETE FROM trades), e AS (DELETE FROM account_snapshots)
     DELETE FROM intents`,
  );
  const { rows } = await pool.query<{ id: string | null }>(`UPDATE reconcile_cursor SET last_fill_at = NULL, last_fill_id = NULL RETURNING (SELECT max(id) FROM audit_log) AS id`);
  return Number(rows[0]?.id ?? 0);
}

/**
 * A pool over the test schema whose commits do not wait for the disk (`synchronous_commit = off`): the
 * same transactions, isolation and visibility, only not durable against a power cut, which no test needs.
 * Hundreds of runs of a dozen transactions each then take seconds, not minutes.
 */
export function fastPool(db: { url: string; schema: string }, max = 4): pg.Pool {
  return createPool({ url: db.url, max, connectionOptions: `-c search_path=${db.schema} -c synchronous_commit=off` });
}
