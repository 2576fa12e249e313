import type { Bar } from '../../domain/market.ts';

/** Bars as columns (one typed array per field), the shape every indicator and detector here reads. */
export interface BarColumns {
  readonly length: number;
  /** Bar start, epoch ms. */
  readonly t: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Shares (or coins). */
  readonly volume: Float64Array;
}

/** Copies bars (sorted by time, oldest first) into columns; throws when they are out of order. */
export function toColumns(bars: readonly Bar[]): BarColumns {
  const n = bars.length;
  const t = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = bars[i]!;
    if (i > 0 && b.t <= t[i - 1]!) throw new Error(`bars must be in strictly increasing time order (bar ${i})`);
    t[i] = b.t;
    open[i] = b.o;
    high[i] = b.h;
    low[i] = b.l;
    close[i] = b.c;
    volume[i] = b.v;
  }
  return { length: n, t, open, high, low, close, volume };
}

/** Columns as given, or copied from bars: every batch function here accepts either. */
export function asColumns(input: readonly Bar[] | BarColumns): BarColumns {
  return isBarArray(input) ? toColumns(input) : input;
}

function isBarArray(input: readonly Bar[] | BarColumns): input is readonly Bar[] {
  return Array.isArray(input);
}

/**
 * Whether `next` begins with every bar of `previous`, each field the same double (what lets state computed over
 * `previous` be carried on over `next`). Compares them all, so a revised bar anywhere is seen; same object: true.
 */
export function continuesColumns(previous: BarColumns, next: BarColumns): boolean {
  if (previous === next) return true;
  const n = previous.length;
  if (n > next.length) return false;
  for (const field of FIELDS) {
    const a = previous[field];
    const b = next[field];
    for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
  }
  return true;
}

const FIELDS = ['t', 'open', 'high', 'low', 'close', 'volume'] as const;
