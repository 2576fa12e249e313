/** DigitalOcean Functions' limit on a request's and on a response's size: 1 MB each. */
export const PAYLOAD_LIMIT_BYTES = 1024 * 1024;

/** What `plainJsonCopy` answers for a value it cannot prove to be plain JSON data within the bound. */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

// Nesting deeper than this goes the slow way (JSON.stringify), which also names a cycle.
const MAX_DEPTH = 64;
// The longest text of a finite number: -1.7976931348623157e+308.
const NUMBER_CHARS = 24;
// A character of a string takes at most 6 bytes in JSON text (\u001f; a lone surrogate as \udc00).
const CHAR_BYTES = 6;

interface Walk {
  bound: number;
  limit: number;
  /** false: prove only, and answer the value itself. */
  copy: boolean;
}

/**
 * A copy of `value` equal to `JSON.parse(JSON.stringify(value))`, made without printing or parsing, and an
 * upper bound of the UTF-8 bytes of that JSON text: for plain JSON data only (null, booleans, finite numbers
 * other than -0, strings, arrays and plain objects of those, no `undefined` field, no `toJSON`, no
 * `__proto__` key). Anything else, or a bound above `limitBytes`, answers NOT_PLAIN: the caller then takes
 * the JSON text itself (and its exact size), so nothing JSON would change or refuse passes this way.
 * (Symbol keys and extra properties of arrays, which JSON drops, are dropped here too.)
 */
export function plainJsonCopy<T>(value: T, limitBytes: number): { copy: T; boundBytes: number } | typeof NOT_PLAIN {
  // Objects are walked with for-in, which lists inherited enumerable keys too: with none on Object.prototype
  // (the normal case) it lists exactly the own keys JSON prints, in the same order, without a keys array.
  if (inheritsEnumerableKeys()) return NOT_PLAIN;
  const walk: Walk = { bound: 0, limit: limitBytes, copy: true };
  const copy = copyPlain(value, walk, 0);
  return copy === NOT_PLAIN || walk.bound > limitBytes ? NOT_PLAIN : { copy: copy as T, boundBytes: walk.bound };
}

/**
 * The checks and the bound of `plainJsonCopy` without the copy, for a value its caller alone holds and that
 * was built of plain objects and arrays carrying nothing JSON would drop (no symbol key, no extra array
 * property): a parse's fresh output (fresh-output.ts). Such a value, proved plain, equals its own JSON round
 * trip. Answers the bound, or NOT_PLAIN as `plainJsonCopy` would.
 */
export function plainJsonProof(value: unknown, limitBytes: number): number | typeof NOT_PLAIN {
  if (inheritsEnumerableKeys()) return NOT_PLAIN;
  const walk: Walk = { bound: 0, limit: limitBytes, copy: false };
  return copyPlain(value, walk, 0) === NOT_PLAIN || walk.bound > limitBytes ? NOT_PLAIN : walk.bound;
}

function copyPlain(v: unknown, w: Walk, depth: number): unknown {
  switch (typeof v) {
    case 'string':
      w.bound += 2 + CHAR_BYTES * v.length;
      return v;
    case 'number':
      if (!Number.isFinite(v) || Object.is(v, -0)) return NOT_PLAIN;
      w.bound += NUMBER_CHARS;
      return v;
    case 'boolean':
      w.bound += 5;
      return v;
    case 'object':
      if (v === null) {
        w.bound += 4;
        return null;
      }
      if (depth >= MAX_DEPTH || w.bound > w.limit) return NOT_PLAIN;
      return Array.isArray(v) ? copyArray(v, w, depth) : copyObject(v as Record<string, unknown>, w, depth);
    default:
      return NOT_PLAIN;
  }
}

function copyArray(v: unknown[], w: Walk, depth: number): unknown {
  if (Object.getPrototypeOf(v) !== Array.prototype) return NOT_PLAIN;
  w.bound += 2 + v.length;
  const out: unknown[] | null = w.copy ? [] : null;
  for (let i = 0; i < v.length; i++) {
    const c = copyPlain(v[i], w, depth + 1);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    if (out !== null) out.push(c);
  }
  return out ?? v;
}

function inheritsEnumerableKeys(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

function copyObject(v: Record<string, unknown>, w: Walk, depth: number): unknown {
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  w.bound += 2;
  const out: Record<string, unknown> | null = w.copy ? {} : null;
  for (const k in v) {
    if (k === 'toJSON' || k === '__proto__') return NOT_PLAIN;
    const c = copyPlain(v[k], w, depth + 1);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    if (out !== null) out[k] = c;
    w.bound += 4 + CHAR_BYTES * k.length;
  }
  return out ?? v;
}
