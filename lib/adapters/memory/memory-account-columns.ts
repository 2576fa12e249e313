import type { EpochMs } from '../../domain/time.ts';
import type { AccountRow } from './memory-trading-rows.ts';

const grown = (c: Float64Array): Float64Array => {
  const next = new Float64Array(c.length * 2);
  next.set(c);
  return next;
};

const FIELDS = ['at', 'equity', 'cash', 'buyingPower', 'longMarketValue', 'shortMarketValue', 'lastEquity'] as const;

/**
 * The account_snapshots table in memory as columns of doubles, by `at`, one row per time (its primary key).
 * A backtest writes one snapshot a tick (about 120,000 a year): as objects each costs a header and a boxed
 * number per field (about 190 bytes); here 56 bytes. Every value is an epoch millisecond or a USD double, so
 * a Float64Array keeps it exactly.
 */
export class AccountColumns {
  private cols: Float64Array[] = FIELDS.map(() => new Float64Array(256));
  private size = 0;

  get length(): number {
    return this.size;
  }

  /**
   * Inserts the snapshot at `at` in time order unless one at that time exists (ON CONFLICT DO NOTHING); true
   * when inserted. The figures are read off `row` (an account answer carries them under the same names).
   */
  insertIfNew(at: EpochMs, row: Omit<AccountRow, 'at'>): boolean {
    const n = this.size;
    // A row later than every other (each tick's snapshot) is appended without a search or a shift.
    const i = n === 0 || this.cols[0]![n - 1]! < at ? n : this.firstAtLeast(at);
    if (i < n && this.cols[0]![i] === at) return false;
    if (n === this.cols[0]!.length) this.cols = this.cols.map(grown);
    const c = this.cols;
    if (i < n) for (const col of c) col.copyWithin(i + 1, i, n);
    c[0]![i] = at;
    c[1]![i] = row.equity;
    c[2]![i] = row.cash;
    c[3]![i] = row.buyingPower;
    c[4]![i] = row.longMarketValue;
    c[5]![i] = row.shortMarketValue;
    c[6]![i] = row.lastEquity;
    this.size = n + 1;
    return true;
  }

  /** The row at index `i` (0 = the earliest), as a fresh object. */
  row(i: number): AccountRow {
    const c = this.cols;
    return { at: c[0]![i]!, equity: c[1]![i]!, cash: c[2]![i]!, buyingPower: c[3]![i]!, longMarketValue: c[4]![i]!, shortMarketValue: c[5]![i]!, lastEquity: c[6]![i]! };
  }

  /** The time of the row at index `i` (no row object: the equity curve reads two fields of each). */
  atOf(i: number): EpochMs {
    return this.cols[0]![i]!;
  }

  /** The equity of the row at index `i`. */
  equityOf(i: number): number {
    return this.cols[1]![i]!;
  }

  /** The latest snapshot, if any. */
  last(): AccountRow | undefined {
    return this.size === 0 ? undefined : this.row(this.size - 1);
  }

  /** The index of the first snapshot at or after `min`. */
  firstAtLeast(min: EpochMs): number {
    const at = this.cols[0]!;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < min) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
