import type { Main } from '../platform/handler.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { runtimeFromProcessEnv, type Runtime } from './runtime.ts';

/** A function: its deployed `main` (a runtime from the platform's environment, built on the first call) and `create` for hosts. */
export interface FunctionDef {
  main: Main;
  /** The same function over the host's runtime (the local runtime, a test, a backtest). */
  create(runtime: Runtime): Main;
}

/** Defines a function from how it is built over a runtime (given lazily: nothing is read before the first call). */
export function defineFunction(build: (runtime: () => Runtime) => Main): FunctionDef {
  let deployed: Runtime | undefined;
  return {
    main: build(() => (deployed ??= runtimeFromProcessEnv())),
    create: (runtime) => build(() => runtime),
  };
}

/**
 * The runtime's logger, reached when a line is written (the runtime is built on the first call); when the
 * runtime cannot be built (a configuration error), lines still go out at info level.
 */
export function runtimeLogger(runtime: () => Runtime, fields: Record<string, unknown> = {}): Logger {
  const target = (): Logger => {
    try {
      return runtime().logger;
    } catch {
      return createLogger({ level: 'info' });
    }
  };
  // The fields go into each line as a child's would (after the base, before the line's own): a handler
  // takes a child per invocation, and building a logger for it each time was a measurable share of a tick.
  const has = Object.keys(fields).length > 0;
  const line = (f: Record<string, unknown> | undefined) => (has ? { ...fields, ...f } : f);
  return {
    debug: (m, f) => target().debug(m, line(f)),
    info: (m, f) => target().info(m, line(f)),
    warn: (m, f) => target().warn(m, line(f)),
    error: (m, f) => target().error(m, line(f)),
    child: (f) => runtimeLogger(runtime, { ...fields, ...f }),
  };
}
