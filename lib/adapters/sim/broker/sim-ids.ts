import type { EpochMs } from '../../../domain/time.ts';
import type { AccountState } from './sim-state.ts';

function fnv1a(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const heads = new Map<string, string>();

/**
 * Deterministic ids shaped like UUIDs (Alpaca's order ids are UUIDs): 8 hex digits of the account, then
 * the account's sequence number, so a replayed backtest gives the same ids and ids sort by creation.
 */
export function nextId(state: AccountState): string {
  state.seq += 1;
  let head = heads.get(state.accountId);
  if (head === undefined) {
    head = fnv1a(state.accountId).toString(16).padStart(8, '0');
    heads.set(state.accountId, head);
  }
  const tail = state.seq.toString(16).padStart(24, '0');
  return `${head}-${tail.slice(0, 4)}-${tail.slice(4, 8)}-${tail.slice(8, 12)}-${tail.slice(12)}`;
}

/** A stable UUID-shaped id for an asset symbol (Alpaca reports asset_id on orders, positions and assets). */
export function assetIdOf(symbol: string): string {
  const a = fnv1a(symbol).toString(16).padStart(8, '0');
  const b = fnv1a(`${symbol}#2`).toString(16).padStart(8, '0');
  const c = fnv1a(`${symbol}#3`).toString(16).padStart(8, '0');
  const d = fnv1a(`${symbol}#4`).toString(16).padStart(8, '0');
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Alpaca's activity id: `YYYYMMDDhhmmssSSS::<uuid>` (UTC). Sorting the ids sorts the activities by time,
 * which is what makes `page_token = last id` paging work.
 */
export function activityId(at: EpochMs, uuid: string): string {
  const d = new Date(at);
  const stamp = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${stamp}::${uuid}`;
}
