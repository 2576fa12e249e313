/**
 * The share of a regular session's volume that has usually traded by a given minute: US equities trade a
 * U-shaped curve (heavy at the open, light at midday, heavy into the close). Relative volume compares
 * today's volume so far with the average day's volume *by the same time*, not with a whole day.
 * The curve is the normalised integral of intensity(x) = 1 + 3·e^(−x/0.05) + 1.2·e^(−(1−x)/0.05), x the
 * fraction of the session elapsed: about 16 % of the day's volume trades in its first 30 minutes and about
 * 7 % in its last 20 (a test pins both).
 */
const A_OPEN = 3;
const K_OPEN = 0.05;
const A_CLOSE = 1.2;
const K_CLOSE = 0.05;

function integral(x: number): number {
  return x + A_OPEN * K_OPEN * (1 - Math.exp(-x / K_OPEN)) + A_CLOSE * K_CLOSE * (Math.exp(-(1 - x) / K_CLOSE) - Math.exp(-1 / K_CLOSE));
}
const TOTAL = integral(1);

/** Fraction (0..1] of the regular session's volume expected by `minutesSinceOpen` of a `sessionMinutes` session. */
export function expectedVolumeFraction(minutesSinceOpen: number, sessionMinutes = 390): number {
  const x = Math.min(1, Math.max(0, minutesSinceOpen / sessionMinutes));
  // Before the open only pre-market trades: count it as a small fixed share, so early RVOL stays meaningful.
  return Math.max(0.02, integral(x) / TOTAL);
}

/** Relative volume: today's cumulative volume over the average day's cumulative volume by the same time. */
export function relativeVolume(volumeSoFar: number, averageDailyVolume: number, minutesSinceOpen: number, sessionMinutes = 390): number {
  if (averageDailyVolume <= 0) return 0;
  return volumeSoFar / (averageDailyVolume * expectedVolumeFraction(minutesSinceOpen, sessionMinutes));
}
