import type { WalkForwardReport } from '../lib/app/research/walk-forward.ts';
import type { TrialMetrics } from '../lib/domain/research/trial.ts';
export { studyAssumptions } from '../lib/app/research/study-assumptions.ts';

/** How `npm run optimize` prints a study: the stitched out-of-sample result first, in-sample beside it. */

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const usd = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${x < 0 ? '-' : ''}$${Math.abs(x).toFixed(2)}`);
const pad = (s: string, n: number) => s.padEnd(n);

const ROWS: [string, (m: TrialMetrics) => string][] = [
  // The in-sample column is a mean over folds: a count there may be fractional.
  ['trades', (m) => (Number.isInteger(m.trades) ? String(m.trades) : m.trades.toFixed(1))],
  ['net P&L (after fees)', (m) => usd(m.netPnlUsd)],
  ['return', (m) => pct(m.totalReturn)],
  ['Sharpe (daily, x sqrt 252)', (m) => num(m.sharpe)],
  ['Sortino', (m) => num(m.sortino)],
  ['profit factor', (m) => num(m.profitFactor)],
  ['expectancy per trade', (m) => usd(m.expectancyUsd)],
  ['win rate', (m) => pct(m.winRate)],
  ['max drawdown', (m) => pct(m.maxDrawdown)],
];

/** Mean of each in-sample figure over the folds that chose settings (null figures left out). */
function meanMetrics(all: readonly TrialMetrics[]): TrialMetrics | null {
  if (all.length === 0) return null;
  const avg = (f: (m: TrialMetrics) => number | null) => {
    const xs = all.map(f).filter((x): x is number => x !== null);
    return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
  };
  return {
    trades: avg((m) => m.trades) ?? 0,
    netPnlUsd: avg((m) => m.netPnlUsd) ?? 0,
    totalReturn: avg((m) => m.totalReturn),
    sharpe: avg((m) => m.sharpe),
    sortino: avg((m) => m.sortino),
    profitFactor: avg((m) => m.profitFactor),
    expectancyUsd: avg((m) => m.expectancyUsd),
    winRate: avg((m) => m.winRate),
    maxDrawdown: avg((m) => m.maxDrawdown) ?? 0,
  };
}

/** The lines of the study's report. */
export function reportLines(r: WalkForwardReport, objective: string, assumptions: readonly string[]): string[] {
  const first = r.folds[0]!;
  const last = r.folds.at(-1)!;
  const inSample = meanMetrics(r.folds.flatMap((f) => (f.inSampleMetrics ? [f.inSampleMetrics] : [])));
  const out: string[] = [];
  out.push(`OUT OF SAMPLE (the headline): ${first.outOfSample.from}..${last.outOfSample.to}, ${r.outOfSample.sessionReturns.length} session(s), each fold's chosen settings on the sessions after its search`);
  out.push(`  ${pad('', 28)}${pad('out of sample', 18)}in sample (mean over folds)`);
  for (const [label, f] of ROWS) out.push(`  ${pad(label, 28)}${pad(f(r.outOfSample.metrics), 18)}${inSample ? f(inSample) : 'n/a'}`);
  out.push(`  objective ${objective}: out of sample ${num(r.outOfSampleScore, 4)}, in sample ${num(r.inSampleMeanScore, 4)}`);
  out.push('');
  out.push('Folds:');
  for (const f of r.folds) {
    const o = f.overfitting;
    out.push(
      `  ${f.index + 1}. search ${f.inSample.from}..${f.inSample.to} (${f.inSample.sessions}) -> test ${f.outOfSample.from}..${f.outOfSample.to} (${f.outOfSample.sessions}): ` +
        (f.chosen ? `chose ${JSON.stringify(f.chosen)}; ${objective} in sample ${num(f.inSampleScore, 4)} (${f.inSampleMetrics?.trades ?? 0} trades), out of sample ${num(f.outOfSampleScore, 4)} (${f.outOfSampleMetrics.trades} trades)` : 'no trial reached the minimum of trades: flat out of sample') +
        `; DSR ${num(o.deflatedSharpe, 3)} (N ${o.trials}, SR0 ${num(o.expectedMaxSharpe, 4)}/session), PBO ${o.pbo === null ? 'n/a (too few sessions or finalists)' : `${num(o.pbo, 3)} over ${o.pboSplits} CSCV splits`}`,
    );
  }
  out.push('');
  out.push(`Probability the stitched out-of-sample Sharpe ratio is above 0 (PSR): ${num(r.probabilisticSharpe, 3)}`);
  const d = r.drawdowns;
  out.push(
    d
      ? `Monte Carlo drawdowns (${d.samples} reshuffles of the ${r.outOfSample.trades.length} out-of-sample trades): ${d.percentiles.map((p) => `p${p.percentile} ${pct(p.maxDrawdown)}`).join(', ')}; as traded ${pct(d.observed)}`
      : 'Monte Carlo drawdowns: no out-of-sample trades to reshuffle',
  );
  out.push('Assumptions:');
  for (const a of assumptions) out.push(`  - ${a}`);
  return out;
}

