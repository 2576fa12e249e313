import type { Main } from '../platform/handler.ts';
import { createLogger, logs, type Logger, type LogLevel } from '../platform/logger.ts';
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
  return new RuntimeLogger(runtime, fields);
}

// A class, not closures: a handler takes a child per invocation, and building a logger (its closures, and
// its fields spread into lines its level drops) each time was a measurable share of a backtest's tick.
class RuntimeLogger implements Logger {
  private readonly has: boolean;

  constructor(
    private readonly runtime: () => Runtime,
    private readonly fields: Record<string, unknown>,
  ) {
    this.has = Object.keys(fields).length > 0;
  }

  debug(m: string, f?: Record<string, unknown>): void {
    this.write('debug', m, f);
  }

  info(m: string, f?: Record<string, unknown>): void {
    this.write('info', m, f);
  }

  warn(m: string, f?: Record<string, unknown>): void {
    this.write('warn', m, f);
  }

  error(m: string, f?: Record<string, unknown>): void {
    this.write('error', m, f);
  }

  child(f: Record<string, unknown>): Logger {
    return new RuntimeLogger(this.runtime, { ...this.fields, ...f });
  }

  enabled(level: LogLevel): boolean {
    return logs(this.target(), level);
  }

  private write(level: LogLevel, m: string, f: Record<string, unknown> | undefined): void {
    const target = this.target();
    // The fields go into each line as a child's would (after the base, before the line's own).
    if (logs(target, level)) target[level](m, this.has ? { ...this.fields, ...f } : f);
  }

  private target(): Logger {
    try {
      return this.runtime().logger;
    } catch {
      return createLogger({ level: 'info' });
    }
  }
}
