/** What the command-line tools share: how they give up, parse their flags, and check a date flag or window. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Prints the message to stderr and exits (2: a usage error; 0 for --help). */
export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fails naming the flag unless each given value is a date like 2026-11-16 (undefined: flag not given). */
export function requireDates(flags: readonly (readonly [string, string | undefined])[]): void {
  for (const [flag, v] of flags) {
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) fail(`${flag} must be a date like 2026-11-16 (got ${v})`);
  }
}

/** Parses `args` against `options`: an unknown or malformed flag fails with `usage`; `--help` prints it and exits 0. */
export function parseCli<const T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string): ReturnType<typeof parseArgs<{ args: string[]; options: T }>>['values'] {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: T }>>;
  try {
    parsed = parseArgs({ args, options });
  } catch (e) {
    fail(`${(e as Error).message}\n${usage}`);
  }
  if ((parsed.values as Record<string, unknown>).help === true) fail(usage, 0);
  return parsed.values;
}

/** As parseCli, for a command that also takes positional arguments (files, folders). */
export function parseCliWithPositionals<const T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string): { values: ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true }>>['values']; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
    return { values, positionals };
  } catch (e) {
    fail(`${(e as Error).message}\n${usage}`);
  }
}

/** Fails unless --from and --to are dates and --to is not before --from. */
export function requireWindow(from: string, to: string): void {
  requireDates([['--from', from], ['--to', to]]);
  if (to < from) fail(`--to (${to}) is before --from (${from})`);
}
