/** What the command-line tools share: how they give up, and how they check a date flag. */

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
