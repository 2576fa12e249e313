const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SMALL_USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const NUM = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const PCT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Dollars for a human sentence: `$1,234.56` (sub-dollar prices keep up to four decimals). */
export function usd(x: number): string {
  return Math.abs(x) < 1 && x !== 0 ? SMALL_USD.format(x) : USD.format(x);
}

/** A quantity or ratio for a human sentence. */
export function num(x: number): string {
  return NUM.format(x);
}

/** A percentage (already in percent) for a human sentence: `2.5 %`. */
export function pct(x: number): string {
  return `${PCT.format(x)} %`;
}

/** Minutes between two instants, for a human sentence. */
export function minutesBetween(from: number, to: number): number {
  return Math.round(((to - from) / 60_000) * 10) / 10;
}
