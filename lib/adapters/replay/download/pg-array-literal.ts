/**
 * Postgres array literals built directly, for batch inserts through `unnest`: node-postgres serialises a
 * JavaScript array element by element, which costs more than the database's own work on large batches.
 */

/** `{1.5,NULL,3}`: finite numbers in their shortest exact form (so a re-import compares equal), undefined or null as NULL. */
export function floatArray(values: readonly (number | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === undefined || v === null) out += 'NULL';
    else if (Number.isFinite(v)) out += String(v);
    else throw new Error(`not a finite number at ${i}: ${v}`);
  }
  return `${out}}`;
}

/** `{"AAPL","BRK.A"}`: every element quoted, backslashes and quotes escaped. */
export function textArray(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += `"${values[i]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return `${out}}`;
}
