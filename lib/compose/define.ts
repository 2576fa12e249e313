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
    let base: Logger;
    try {
      base = runtime().logger;
    } catch {
      base = createLogger({ level: 'info' });
    }
    return Object.keys(fields).length ? base.child(fields) : base;
  };
  return {
    debug: (m, f) => target().debug(m, f),
    info: (m, f) => target().info(m, f),
    warn: (m, f) => target().warn(m, f),
    error: (m, f) => target().error(m, f),
    child: (f) => runtimeLogger(runtime, { ...fields, ...f }),
  };
}
