import type { Random } from '../../../lib/shared/random.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Wraps every method of a port so each call first yields the event loop a seeded number of times (0-3),
 * and again after it answers: concurrent processes then interleave differently from run to run, and the
 * same seed asks for the same yields (the database's own timing still varies).
 */
export function jittered<T extends object>(inner: T, rnd: Random): T {
  return new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        for (let i = rnd.int(0, 3); i > 0; i--) await tick();
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        for (let i = rnd.int(0, 2); i > 0; i--) await tick();
        return result;
      };
    },
  });
}
