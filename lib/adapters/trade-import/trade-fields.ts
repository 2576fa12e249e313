import { createHash } from 'node:crypto';
import type { EpochMs } from '../../domain/time.ts';

/** A field that did not parse: the message names the field and what was expected. */
export class FieldError extends Error {}

const ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
const UNZONED = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/** An ISO-8601 time with its zone (`Z` or an offset); a time without one is refused, never guessed. */
export function zonedTime(field: string, raw: string): EpochMs {
  const v = raw.trim();
  if (UNZONED.test(v)) throw new FieldError(`${field}: "${v}" has no time zone (add Z or an offset such as -05:00)`);
  const m = ZONED.exec(v);
  const t = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ? `.${m[7].slice(0, 3)}` : ''}${m[8]!.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`) : Number.NaN;
  if (Number.isNaN(t)) throw new FieldError(`${field}: "${short(v)}" is not a time (expected ISO 8601 such as 2024-03-01T14:30:00Z)`);
  return t;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number (`12.5`, `1e3`); `positive` refuses zero and negatives, `nonNegative` negatives. */
export function number(field: string, raw: string | number, rule: 'positive' | 'nonNegative'): number {
  const v = typeof raw === 'number' ? raw : raw.trim();
  const n = typeof v === 'number' ? v : DECIMAL.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new FieldError(`${field}: "${short(String(v))}" is not a number`);
  if (rule === 'positive' && n <= 0) throw new FieldError(`${field}: ${n} must be greater than 0`);
  if (rule === 'nonNegative' && n < 0) throw new FieldError(`${field}: ${n} must not be negative`);
  return n;
}

/** buy or sell (Alpaca's `sell_short` is a sell). */
export function side(field: string, raw: string): 'buy' | 'sell' {
  const v = raw.trim().toLowerCase();
  if (v === 'buy' || v === 'sell') return v;
  if (v === 'sell_short') return 'sell';
  throw new FieldError(`${field}: "${short(raw)}" must be buy or sell`);
}

const SYMBOL = /^[A-Z0-9.\-]{1,12}$|^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/;

/** A stock symbol or a crypto pair, upper-cased; refused when `known` is given and does not list it. */
export function symbol(field: string, raw: string, known: ReadonlySet<string> | null): string {
  const v = raw.trim().toUpperCase();
  if (!SYMBOL.test(v)) throw new FieldError(`${field}: "${short(raw)}" is not a symbol (AAPL, BRK.B, BTC/USD)`);
  if (known && !known.has(v)) throw new FieldError(`${field}: ${v} is not an asset the broker lists`);
  return v;
}

/** A stable id from a row's content, so a re-import finds what it stored. */
export function contentId(prefix: string, parts: readonly (string | number)[]): string {
  return `${prefix}:${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32)}`;
}

function short(v: string): string {
  return v.length > 40 ? `${v.slice(0, 37)}...` : v;
}
