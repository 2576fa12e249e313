import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { Broker } from '../lib/ports/broker.port.ts';
import type { RedisBackend } from '../lib/adapters/redis/local-endpoint/reply.ts';

/**
 * Counters of the round trips a tick makes: database statements (on the process's pool), Redis requests
 * (at the local Upstash endpoint) and Broker port calls. In sim the broker keeps its state in the same
 * Postgres; statements made inside a broker call are counted apart, since deployed the broker is
 * Alpaca's HTTP API and those statements do not exist.
 */
export interface CallCounts {
  db: number;
  /** Statements the simulated broker made for its own state (no counterpart when deployed). */
  simBrokerDb: number;
  redis: number;
  broker: number;
  brokerByMethod: Record<string, number>;
  /** Wall milliseconds during which at least one broker call was in flight. */
  brokerMs: number;
}

/** Time with at least one broker call in flight: concurrent calls count once. */
interface BrokerClock {
  brokerMs: number;
  inFlight: number;
  since: number;
}

function enter(c: BrokerClock): void {
  if (c.inFlight++ === 0) c.since = performance.now();
}

function leave(c: BrokerClock): void {
  if (--c.inFlight === 0) c.brokerMs += performance.now() - c.since;
}

export class CallCounters {
  private readonly inBroker = new AsyncLocalStorage<true>();
  private readonly invocation = new AsyncLocalStorage<BrokerClock>();
  private readonly tickClock: BrokerClock = { brokerMs: 0, inFlight: 0, since: 0 };
  private counts: CallCounts = CallCounters.zero();

  private static zero(): CallCounts {
    return { db: 0, simBrokerDb: 0, redis: 0, broker: 0, brokerByMethod: {}, brokerMs: 0 };
  }

  /** Counts and resets. */
  take(): CallCounts {
    const out = { ...this.counts, brokerMs: this.tickClock.brokerMs };
    this.counts = CallCounters.zero();
    this.tickClock.brokerMs = 0;
    return out;
  }

  /** Counts every statement sent on a connection of `pool` (pool.query goes through connect too). */
  wrapPool(pool: pg.Pool): void {
    const counted = new WeakSet<pg.PoolClient>();
    const wrapClient = (client: pg.PoolClient): pg.PoolClient => {
      if (counted.has(client)) return client;
      counted.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        if (this.inBroker.getStore()) this.counts.simBrokerDb++;
        else this.counts.db++;
        return query(...args);
      };
      return client;
    };
    const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, client?: pg.PoolClient, release?: unknown) => void) => Promise<pg.PoolClient> | void;
    (pool as unknown as { connect: unknown }).connect = (cb?: (err: Error | undefined, client?: pg.PoolClient, release?: unknown) => void) => {
      if (typeof cb === 'function') return connect((err, client, release) => cb(err, client && wrapClient(client), release));
      return (connect() as Promise<pg.PoolClient>).then(wrapClient);
    };
  }

  /** Counts every call of the Broker port on this instance (its methods are replaced by counting ones). */
  wrapBroker(broker: Broker): void {
    const target = broker as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const methods: (keyof Broker)[] = [
      'getAccount', 'getClock', 'getCalendar', 'getAssets', 'getAsset', 'getPositions', 'submitOrder', 'getOrder',
      'getOrderByClientOrderId', 'listOrders', 'cancelOrder', 'replaceOrder', 'closePosition', 'getFills',
    ];
    for (const name of methods) {
      const original = target[name]!.bind(broker);
      target[name] = async (...args: unknown[]) => {
        this.counts.broker++;
        this.counts.brokerByMethod[name] = (this.counts.brokerByMethod[name] ?? 0) + 1;
        const clocks = [this.tickClock, this.invocation.getStore()].filter((c): c is BrokerClock => c !== undefined);
        for (const c of clocks) enter(c);
        try {
          return await this.inBroker.run(true, () => original(...args));
        } finally {
          for (const c of clocks) leave(c);
        }
      };
    }
  }

  /** Runs `work` as one function invocation: the time its broker calls take is told apart. */
  async invocationScope<T>(work: () => Promise<T>): Promise<{ value: T; brokerMs: number }> {
    const scope: BrokerClock = { brokerMs: 0, inFlight: 0, since: 0 };
    const value = await this.invocation.run(scope, work);
    return { value, brokerMs: scope.brokerMs };
  }

  /** A Redis backend that counts the requests the local endpoint serves (one exec per HTTP request). */
  countingBackend(backend: RedisBackend): RedisBackend {
    return {
      kind: backend.kind,
      exec: (commands, atomic) => {
        this.counts.redis++;
        return backend.exec(commands, atomic);
      },
      close: () => backend.close(),
    };
  }
}
