/**
 * Refuses a batch that names one row twice: Postgres refuses it too ("ON CONFLICT DO UPDATE command cannot
 * affect row a second time"), and a memory store may not be more lenient than the database it stands for.
 */
export function noRepeatedKey<T>(rows: readonly T[], keyOf: (row: T) => string, what: string, field: string): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyOf(row);
    if (seen.has(key)) throw new Error(`${what}: ${field} ${JSON.stringify(key)} appears twice in one batch; expected each at most once`);
    seen.add(key);
  }
}
