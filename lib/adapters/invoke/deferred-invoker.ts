import type { Invoker } from '../../ports/invoker.port.ts';

/**
 * An Invoker whose target is bound later: a host builds the runtime before what the coordinator reaches
 * through it exists (the functions loaded over that runtime, or the local invoke API that serves them).
 * A call before `bind` fails with `notReady`.
 */
export function deferredInvoker(notReady: string): Invoker & { bind(target: Invoker): void } {
  let target: Invoker | undefined;
  return {
    bind(t) {
      target = t;
    },
    invoke(fn, params, options) {
      if (!target) throw new Error(notReady);
      return target.invoke(fn, params, options);
    },
  };
}
