import type { ResearchRunRecord } from '../../ports/research-runs.port.ts';
import { drawdownCurve, type DrawdownPoint } from '../../domain/performance.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { parameterSensitivity } from '../../domain/research/parameter-sensitivity.ts';
import { OBJECTIVES, type Objective } from '../../domain/research/objective.ts';
import { studyAssumptions } from '../research/study-assumptions.ts';

type Run<K extends ResearchRunRecord['kind']> = Extract<ResearchRunRecord, { kind: K }>;

/** What one detail response may hold: equity points on the chart, and bytes (a web function answers at most 1 MB). */
export interface DetailLimits {
  maxPoints: number;
  maxBytes: number;
}

/**
 * At most `maxPoints` of a drawdown curve: the curve cut into buckets, each keeping its deepest point and its
 * last, so the chart still shows the worst drawdown and where each stretch ended.
 */
export function thinCurve(curve: readonly DrawdownPoint[], maxPoints: number): DrawdownPoint[] {
  if (curve.length <= maxPoints) return [...curve];
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = Math.ceil(curve.length / buckets);
  const out: DrawdownPoint[] = [];
  for (let i = 0; i < curve.length; i += size) {
    const bucket = curve.slice(i, i + size);
    const deepest = bucket.reduce((a, b) => (b.drawdown > a.drawdown ? b : a));
    const last = bucket.at(-1)!;
    out.push(...(deepest === last ? [last] : [deepest, last]));
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A backtest: settings, metrics with their assumptions, equity and drawdown, trades with their decision audits. */
export function backtestRunView(run: Run<'backtest'>, limits: DetailLimits) {
  const { report, ...head } = run;
  const curve = drawdownCurve(report.equity.perMinute.map((p) => ({ at: p.at, date: '', equity: p.equity })));
  const perMinute = thinCurve(curve, limits.maxPoints);
  const base = {
    ...head,
    settings: report.settings,
    summary: report.summary,
    metrics: report.metrics,
    assumptions: report.assumptions,
    warnings: report.warnings,
    digest: report.digest,
    equity: {
      perSession: report.equity.perSession,
      perMinute,
      thinned: perMinute.length < curve.length ? `${curve.length} stored points shown as ${perMinute.length}: each stretch keeps its deepest drawdown and its last point` : null,
    },
    counts: { orders: report.orders.length, fills: report.fills.length, trades: report.trades.length },
  };
  // Trades with their audits are what grows with a run: show the first ones that fit, and say how many.
  let trades = report.trades;
  const size = (t: typeof trades) => JSON.stringify({ ...base, trades: t }).length;
  while (trades.length > 0 && size(trades) > limits.maxBytes) trades = trades.slice(0, Math.floor(trades.length / 2));
  return { ...base, trades, tradesNote: trades.length < report.trades.length ? `the first ${trades.length} of ${report.trades.length} trades (the response is limited to 1 MB)` : null };
}

/** An event study: the group tables, and the mean return after the news per catalyst at each horizon (its curve). */
export function eventStudyRunView(run: Run<'event-study'>) {
  const { document: doc, ...head } = run;
  const horizons = doc.settings.horizons;
  const byCatalyst = doc.groups
    .filter((g) => g.dimension === 'catalyst' || g.dimension === 'all')
    .map((g) => ({ catalyst: g.group, events: g.events, points: horizons.map((h) => ({ horizon: h, mean: g.returns[h]?.mean ?? null, n: g.returns[h]?.n ?? 0 })) }));
  return {
    ...head,
    settings: doc.settings,
    definitions: doc.definitions,
    skipped: doc.skipped,
    groups: doc.groups,
    meanCumulativeByCatalyst: byCatalyst,
    events: doc.events.length,
    eventsNote: `the ${doc.events.length} events are stored with the run; the view shows their groups (npm run study -- events --json writes each event)`,
  };
}

/** A walk-forward study: in sample against out of sample per fold, DSR/PBO/PSR, Monte Carlo drawdowns, parameter sensitivity. */
export function walkForwardRunView(run: Run<'walk-forward'>) {
  const { spec, summary, folds, trials, ...head } = run;
  const objective = (OBJECTIVES as readonly string[]).includes(String(spec.objective)) ? (spec.objective as Objective) : null;
  const sensitivity = objective ? parameterSensitivity(trials, objective, folds.map((f) => f.inSample)) : [];
  let outOfSampleEquity: { date: string; equity: number; drawdown: number }[] = [];
  if (summary) {
    const oos = summary.outOfSample;
    const dates = summary.folds.flatMap((f) => calendarBetween(f.outOfSample.from, f.outOfSample.to).map((d) => d.date));
    let equity = oos.startEquityUsd;
    let peak = equity;
    outOfSampleEquity = oos.sessionReturns.map((r, i) => {
      equity *= 1 + r;
      peak = Math.max(peak, equity);
      return { date: dates[i] ?? `session ${i + 1}`, equity, drawdown: peak > 0 ? (peak - equity) / peak : 0 };
    });
  }
  return {
    ...head,
    spec,
    objective,
    summary: summary && {
      folds: summary.folds,
      outOfSample: { metrics: summary.outOfSample.metrics, startEquityUsd: summary.outOfSample.startEquityUsd, sessions: summary.outOfSample.sessionReturns.length },
      outOfSampleScore: summary.outOfSampleScore,
      inSampleMeanScore: summary.inSampleMeanScore,
      probabilisticSharpe: summary.probabilisticSharpe,
      drawdowns: summary.drawdowns,
    },
    outOfSampleEquity,
    sensitivity,
    trials: trials.length,
    assumptions: studyAssumptions(Number(spec.minTrades ?? 0), String(spec.sampler ?? 'random')),
  };
}
