import type { StageRecord } from '../../ports/cycle-store.port.ts';
import { asJsonb } from './memory-json.ts';

const STAGE_KEYS = 7;
// The cycle's own counts keep their key order under a name no stage has (a stage name is text without \u0000).
const CYCLE_COUNTS = '\u0000cycle';

const text = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000');
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

// A value with a toJSON (a Date, a class that prints itself) is whatever that gives: asJsonb's to decide.
const printsItself = (o: object): boolean => typeof (o as { toJSON?: unknown }).toJSON === 'function';

function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function plainObject(v: unknown): v is object {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !printsItself(v);
}

function copyInOrder(counts: Record<string, number>, ordered: readonly string[]): Record<string, number> {
  const stored: Record<string, number> = {};
  for (const k of ordered) stored[k] = counts[k]! + 0;
  return stored;
}

/**
 * True when `counts` has exactly `keys` (its own, in that order) and every count is finite: walked in place, as
 * Object.keys would list them but without building the list (a plain object's for-in order is its keys' order;
 * another prototype could add keys of its own, so it is not walked this way).
 */
function sameFiniteCounts(counts: Record<string, number>, keys: readonly string[]): boolean {
  if (Object.getPrototypeOf(counts) !== Object.prototype) return false;
  let i = 0;
  for (const k in counts) {
    if (i === keys.length || keys[i] !== k || !finite(counts[k])) return false;
    i++;
  }
  return i === keys.length;
}

/**
 * `asJsonb` of stage records, which every tick writes several of: a record of the usual shape (text without
 * \u0000, finite numbers, counts of numbers, error of code and message) is built directly in jsonb's key
 * order, the counts' order kept per stage while its keys stay the same; anything else goes through `asJsonb`.
 */
export class StageJsonb {
  private readonly countOrder = new Map<string, { keys: string[]; ordered: string[] }>();

  /** The stored form of one stage record: a fresh value, the same as `asJsonb(stage)` gives. */
  copy(stage: StageRecord): StageRecord {
    const { name, startedAt, ms, ok, why, counts, error } = stage;
    if (!text(name) || !finite(startedAt) || !finite(ms) || typeof ok !== 'boolean' || !text(why) || !plainObject(counts) || printsItself(stage)) return asJsonb(stage);
    if (keyCount(stage) !== (error === undefined && !('error' in stage) ? STAGE_KEYS - 1 : STAGE_KEYS)) return asJsonb(stage);
    if (error !== undefined && (!plainObject(error) || keyCount(error) !== 2 || !text(error.code) || !text(error.message))) return asJsonb(stage);
    const ordered = this.orderOf(name, counts);
    if (ordered === null) return asJsonb(stage);
    const stored = copyInOrder(counts, ordered);
    // jsonb's order: shorter keys first, then bytewise (ms, ok, why, name, error, counts, startedAt).
    const out = { ms: ms + 0, ok, why, name } as StageRecord;
    if (error !== undefined) out.error = { code: error.code, message: error.message };
    out.counts = stored;
    out.startedAt = startedAt + 0;
    return out;
  }

  /** The stored form of a cycle's counts (numbers by name): the same as `asJsonb(counts)` gives. */
  counts(counts: Record<string, number>): Record<string, number> {
    const ordered = plainObject(counts) ? this.orderOf(CYCLE_COUNTS, counts) : null;
    return ordered === null ? asJsonb(counts) : copyInOrder(counts, ordered);
  }

  // The counts' keys in jsonb order, or null when a count is not a finite number (asJsonb decides those).
  private orderOf(stage: string, counts: Record<string, number>): string[] | null {
    const known = this.countOrder.get(stage);
    if (known && sameFiniteCounts(counts, known.keys)) return known.ordered;
    const keys = Object.keys(counts);
    for (const k of keys) if (!finite(counts[k])) return null;
    if (keys.some((k) => k.includes('\u0000'))) return null;
    const ordered = Object.keys(asJsonb(Object.fromEntries(keys.map((k) => [k, 0]))));
    this.countOrder.set(stage, { keys, ordered });
    return ordered;
  }
}
