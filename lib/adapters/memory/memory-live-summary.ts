import type { Clock } from '../../ports/clock.port.ts';
import type { LiveSummaryStore } from '../../ports/live-summary.port.ts';
import { NOT_PLAIN, plainJsonCopy } from '../../platform/plain-json.ts';

// Redis holds up to 512 MB in a value.
const REDIS_VALUE_LIMIT_BYTES = 512 * 1024 * 1024;

// The tick's summary (run-tick.ts), which a backtest writes every tick: its keys in order, and each stage's.
const SUMMARY_KEYS = ['cycleId', 'at', 'phase', 'status', 'deadMan', 'stages', 'equity', 'openPositions'] as const;
const STAGE_KEYS = ['name', 'ok', 'ms', 'error'] as const;
const NOT_SCALAR = Symbol('not a scalar');

// JSON's round trip of a scalar: text and booleans as they are, a number as its finite value (-0 as 0) or null.
function scalar(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v + 0 : null;
    default:
      return v === null ? null : NOT_SCALAR;
  }
}

// A plain object whose enumerable keys (own and inherited, as for-in lists them) are exactly `keys`, in order.
function hasKeys(v: unknown, keys: readonly string[]): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  let i = 0;
  for (const k in v) if (keys[i++] !== k) return false;
  return i === keys.length;
}

/** JSON's round trip of a summary of the tick's shape, built directly; null for any other value. */
export function tickSummaryCopy(value: Record<string, unknown>): Record<string, unknown> | null {
  if (!hasKeys(value, SUMMARY_KEYS) || typeof value.toJSON === 'function') return null;
  const list = value.stages;
  if (!Array.isArray(list) || Object.getPrototypeOf(list) !== Array.prototype) return null;
  const stages: Record<string, unknown>[] = [];
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as unknown;
    if (!hasKeys(s, STAGE_KEYS)) return null;
    const name = scalar(s.name), ok = scalar(s.ok), ms = scalar(s.ms), error = scalar(s.error);
    if (name === NOT_SCALAR || ok === NOT_SCALAR || ms === NOT_SCALAR || error === NOT_SCALAR) return null;
    stages.push({ name, ok, ms, error });
  }
  const cycleId = scalar(value.cycleId), at = scalar(value.at), phase = scalar(value.phase), status = scalar(value.status);
  const deadMan = scalar(value.deadMan), equity = scalar(value.equity), openPositions = scalar(value.openPositions);
  if (cycleId === NOT_SCALAR || at === NOT_SCALAR || phase === NOT_SCALAR || status === NOT_SCALAR || deadMan === NOT_SCALAR || equity === NOT_SCALAR || openPositions === NOT_SCALAR) return null;
  return { cycleId, at, phase, status, deadMan, stages, equity, openPositions };
}

/** What JSON's round trip of `value` gives: a copy made without printing the text when it is plain data. */
function jsonCopy(value: Record<string, unknown>): Record<string, unknown> {
  const tick = tickSummaryCopy(value);
  if (tick !== null) return tick;
  const plain = plainJsonCopy(value, REDIS_VALUE_LIMIT_BYTES);
  return plain === NOT_PLAIN ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : plain.copy;
}

/**
 * The live summary in memory (redis/redis-live-summary.ts): what Redis would hand back (the JSON text's value),
 * with a TTL on the injected clock. Kept as that value's copy, not its text: a backtest writes one every tick
 * and printing it cost twice the copy; each read hands out a copy of its own.
 */
export class MemoryLiveSummary implements LiveSummaryStore {
  // Two fields rather than an object of both, replaced every tick.
  private summary: Record<string, unknown> | null = null;
  private expiresAt = 0;

  constructor(private readonly clock: Clock) {}

  async write(summary: Record<string, unknown>, ttlSeconds: number): Promise<void> {
    // Redis refuses the same expiry with an error.
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`live summary ttlSeconds: expected a positive whole number of seconds, got ${ttlSeconds}`);
    this.summary = jsonCopy(summary);
    this.expiresAt = this.clock.now() + ttlSeconds * 1000;
  }

  async read(): Promise<Record<string, unknown> | null> {
    if (this.summary === null || this.expiresAt <= this.clock.now()) return null;
    return jsonCopy(this.summary);
  }
}
