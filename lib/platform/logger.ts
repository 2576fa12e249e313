/**
 * A small structured logger: one JSON object per line, secrets redacted by key name and by value.
 * (pino's model without its transport threads, which would add weight to every function bundle.)
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_KEY = /pass(word|phrase)?|secret|token|authorization|api[-_]?key|cookie|credential|whisk-auth/i;
const REDACTED = '[redacted]';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines all carry `fields`. */
  child(fields: Record<string, unknown>): Logger;
  /** Whether a line at `level` would be written (so a caller can skip building its fields); true when absent. */
  enabled?(level: LogLevel): boolean;
}

/** Whether `log` writes lines at `level`: callers on hot paths skip building fields nobody reads. */
export function logs(log: Logger, level: LogLevel): boolean {
  return log.enabled ? log.enabled(level) : true;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to stdout. */
  sink?: (line: string) => void;
  /** Values that must never appear in a line (API secrets, tokens, passwords). */
  secrets?: readonly string[];
  base?: Record<string, unknown>;
  /** Wall-clock source for the `time` field (the platform layer may read the clock). */
  now?: () => number;
}

/** Replaces every known secret value inside `text`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4 && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** Deep-copies `value` with secret-looking keys and known secret values redacted. */
export function redact(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (depth > 8) return '[truncated]';
  if (typeof value === 'string') return scrubSecrets(value, secrets);
  if (value instanceof Error) {
    return { name: value.name, message: scrubSecrets(value.message, secrets), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, secrets, depth + 1);
    }
    return out;
  }
  return value;
}

const registeredSecrets = new Set<string>();

/** Registers secret values process-wide, so every logger (and error response) scrubs them. */
export function registerSecrets(values: readonly (string | undefined)[]): void {
  for (const v of values) if (v && v.length >= 4) registeredSecrets.add(v);
}

/** The secret values registered so far. */
export function knownSecrets(): string[] {
  return [...registeredSecrets];
}

/** Creates a JSON-lines logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const sink = options.sink ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = options.now ?? (() => Date.now());
  const base = options.base ?? {};
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const secrets = [...(options.secrets ?? []), ...registeredSecrets];
    const record = redact({ level, time: new Date(now()).toISOString(), msg, ...base, ...fields }, secrets);
    sink(JSON.stringify(record));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
    enabled: (level) => ORDER[level] >= min,
  };
}

/**
 * `parent.child(fields)`, built only when it is first needed: a line at a level the parent writes, or a
 * child of it. A handler takes one per invocation and most invocations write no line, so the child (and
 * the merge of its fields) is usually never built. `fields` is read when the child is built: pass a fresh
 * object nobody changes.
 */
export function lazyChild(parent: Logger, fields: Record<string, unknown>): Logger {
  return new LazyChild(parent, fields);
}

// A class, not an object of closures: one is made per invocation.
class LazyChild implements Logger {
  private built: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly fields: Record<string, unknown>,
  ) {}

  debug(msg: string, fields?: Record<string, unknown>): void {
    if (logs(this.parent, 'debug')) this.logger().debug(msg, fields);
  }

  info(msg: string, fields?: Record<string, unknown>): void {
    if (logs(this.parent, 'info')) this.logger().info(msg, fields);
  }

  warn(msg: string, fields?: Record<string, unknown>): void {
    if (logs(this.parent, 'warn')) this.logger().warn(msg, fields);
  }

  error(msg: string, fields?: Record<string, unknown>): void {
    if (logs(this.parent, 'error')) this.logger().error(msg, fields);
  }

  child(fields: Record<string, unknown>): Logger {
    return this.logger().child(fields);
  }

  enabled(level: LogLevel): boolean {
    return logs(this.parent, level);
  }

  private logger(): Logger {
    return (this.built ??= this.parent.child(this.fields));
  }
}
