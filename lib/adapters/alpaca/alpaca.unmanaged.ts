import type * as z from 'zod/mini';
import { AppError } from '../../shared/errors.ts';
import type { UnmanagedEntry } from '../../ports/broker.port.ts';
import { decode } from './alpaca.parse.ts';
import type { Logger } from '../../platform/logger.ts';

/** The asset classes Catalyst trades; Alpaca also lists us_option and ipo (and may add more). */
const TRADED = new Set(['us_equity', 'crypto']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

// An OCC option symbol: root, expiry YYMMDD, call or put, strike × 1000 on eight digits (AAPL250620C00100000).
const OPTION_SYMBOL = /^[A-Z][A-Z0-9.]{0,5}\d{6}[CP]\d{8}$/;

/** A FILL activity carries no asset class: a fill of an option contract is told by its symbol. */
export function unmanagedFill(item: unknown, endpoint: string): UnmanagedEntry | null {
  if (!isObject(item) || typeof item.symbol !== 'string' || !OPTION_SYMBOL.test(item.symbol)) return null;
  return { endpoint, kind: 'fill', id: text(item.order_id) || null, symbol: item.symbol, assetClass: 'us_option' };
}

/** An entry of a class Catalyst does not trade: its asset class is another, or it is a multi-leg options order. */
function unmanaged(item: unknown, endpoint: string, kind: UnmanagedEntry['kind']): UnmanagedEntry | null {
  if (!isObject(item) || typeof item.asset_class !== 'string') return null;
  const orderClass = text(item.order_class);
  if (TRADED.has(item.asset_class) && orderClass !== 'mleg') return null;
  const legs = Array.isArray(item.legs) ? item.legs.filter(isObject) : [];
  const symbol = text(item.symbol) || legs.map((l) => text(l.symbol)).filter(Boolean).join(',');
  const assetClass = item.asset_class || legs.map((l) => text(l.asset_class)).find(Boolean) || 'unknown';
  const entry: UnmanagedEntry = { endpoint, kind, id: kind === 'order' ? text(item.id) || null : null, symbol, assetClass };
  return kind === 'order' ? { ...entry, orderClass } : entry;
}

/**
 * Decodes a listing item by item: entries of a class Catalyst trades are parsed strictly (a malformed one
 * fails the whole listing, naming its index), the others are set aside as unmanaged instead of failing it.
 */
export function decodeListing<S extends z.ZodMiniType>(
  item: S,
  body: unknown,
  endpoint: string,
  kind: UnmanagedEntry['kind'],
): { managed: z.output<S>[]; unmanaged: UnmanagedEntry[] } {
  if (!Array.isArray(body)) {
    throw new AppError('DATA_INVALID', `Alpaca ${endpoint}: malformed payload at (root): expected array`, { details: { endpoint, field: '(root)', problems: 1 } });
  }
  const managed: z.output<S>[] = [];
  const set: UnmanagedEntry[] = [];
  body.forEach((raw, i) => {
    const other = kind === 'fill' ? unmanagedFill(raw, endpoint) : unmanaged(raw, endpoint, kind);
    if (other) set.push(other);
    else managed.push(decode(item, raw, endpoint, [i]));
  });
  return { managed, unmanaged: set };
}

/**
 * Records unmanaged entries in the log, once per order or position for the life of the process (they are
 * listed again on every tick), saying that Catalyst leaves them alone.
 */
export function logUnmanagedOnce(log: Pick<Logger, 'warn'>): (entries: UnmanagedEntry[]) => void {
  const seen = new Set<string>();
  return (entries) => {
    for (const u of entries) {
      const key = `${u.kind}:${u.id ?? u.symbol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      log.warn(`an ${u.kind} in asset class ${u.assetClass} is at the broker: Catalyst does not trade it and leaves it alone`, { ...u });
    }
  };
}
