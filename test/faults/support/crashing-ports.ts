import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { Broker } from '../../../lib/ports/broker.port.ts';
import type { TradingStore } from '../../../lib/ports/trading-store.port.ts';
import { ProcessCrashed, type KillSwitch } from './kill-switch.ts';

// The store method a statement runs for, so a kill can name "the INSERT INTO fills of applySnapshot".
const storeMethod = new AsyncLocalStorage<string>();

/** A short name for a statement: `INSERT INTO fills`, `UPDATE intents`, `COMMIT`, `SELECT trades`. */
export function sqlLabel(text: string): string {
  const sql = text.replace(/\s+/g, ' ').trim();
  const write = /^(INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+)/i.exec(sql);
  if (write) return write[1]!.toUpperCase();
  if (/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql)) return sql.toUpperCase();
  const from = /FROM (\w+)/i.exec(sql);
  if (/pg_advisory_xact_lock/.test(sql)) return 'SELECT pg_advisory_xact_lock';
  return `SELECT ${from?.[1] ?? sql.slice(7, 30)}`;
}

async function step<T>(ks: KillSwitch, name: string, call: () => Promise<T>): Promise<T> {
  ks.reach(`${name}:before`);
  const result = await ks.track(call());
  ks.reach(`${name}:after`);
  return result;
}

/** The broker as one process sees it: every call can be the one the process dies before or after. */
export function crashingBroker(inner: Broker, ks: KillSwitch): Broker {
  return new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => step(ks, `broker.${String(prop)}`, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

/** The trading store as one process sees it: the process may die before or after any call. */
export function crashingStore(inner: TradingStore, ks: KillSwitch): TradingStore {
  return new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const name = String(prop);
      return (...args: unknown[]) => step(ks, `store.${name}`, () => storeMethod.run(name, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)));
    },
  });
}

/**
 * The pool one process's store uses: every statement (inside a transaction or not) is a point the process
 * may die at, named `sql:<store method>:<statement>`. A dead process's connection runs nothing more but
 * its ROLLBACK, as when Postgres drops the connection of a killed process.
 */
export function crashingPool(pool: pg.Pool, ks: KillSwitch): pg.Pool {
  const guard = (text: unknown) => {
    const sql = typeof text === 'string' ? text : (text as { text: string }).text;
    const label = sqlLabel(sql);
    if (label === 'ROLLBACK') return;
    if (label === 'BEGIN') {
      if (ks.dead) throw new ProcessCrashed('BEGIN (already dead)');
      return;
    }
    ks.reach(`sql:${storeMethod.getStore() ?? '?'}:${label}`);
  };
  const wrapClient = (client: pg.PoolClient): pg.PoolClient =>
    new Proxy(client, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'query') {
          return (text: unknown, values?: unknown) => {
            guard(text);
            return (target.query as (t: unknown, v?: unknown) => Promise<unknown>).call(target, text, values);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return new Proxy(pool, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'connect') return async () => wrapClient(await target.connect());
      if (prop === 'query') {
        return (text: unknown, values?: unknown) => {
          guard(text);
          return (target.query as (t: unknown, v?: unknown) => Promise<unknown>).call(target, text, values);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
