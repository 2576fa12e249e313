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

  /** Inserts `row` in `at` order unless a snapshot at that time exists (ON CONFLICT DO NOTHING); true when inserted. */
  insertIfNew(row: AccountRow): boolean {
    const i = this.firstAtLeast(row.at);
    if (i < this.size && this.cols[0]![i] === row.at) return false;
    if (this.size === this.cols[0]!.length) this.cols = this.cols.map(grown);
    FIELDS.forEach((f, n) => {
      const c = this.cols[n]!;
      if (i < this.size) c.copyWithin(i + 1, i, this.size);
      c[i] = row[f];
    });
    this.size++;
    return true;
  }

  /** The row at index `i` (0 = the earliest), as a fresh object. */
  row(i: number): AccountRow {
    const c = this.cols;
    return { at: c[0]![i]!, equity: c[1]![i]!, cash: c[2]![i]!, buyingPower: c[3]![i]!, longMarketValue: c[4]![i]!, shortMarketValue: c[5]![i]!, lastEquity: c[6]![i]! };
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
