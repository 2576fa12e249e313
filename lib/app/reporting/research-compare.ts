import type { ResearchRunRecord } from '../../ports/research-runs.port.ts';
import { AppError } from '../../shared/errors.ts';
import { studyAssumptions } from '../research/study-assumptions.ts';
import { compareEventStudies } from './event-study-compare.ts';
import type { ResearchViewDeps } from './research-views.ts';

const LONG_LIST = 12;

/** A run's settings as it was asked, whatever its kind. */
function settingsOf(run: ResearchRunRecord): Record<string, unknown> {
  if (run.kind === 'backtest') return run.report.settings as Record<string, unknown>;
  if (run.kind === 'event-study') return run.document.settings;
  return run.spec;
}

/** What a run's figures assume (fills, fees, latency, spread, the study's method), as sentences. */
export function assumptionsOf(run: ResearchRunRecord): string[] {
  if (run.kind === 'backtest') return run.report.assumptions;
  if (run.kind === 'walk-forward') return studyAssumptions(Number(run.spec.minTrades ?? 0), String(run.spec.sampler ?? 'random'));
  const s = run.document.settings;
  return [
    /^news latency/i.test(s.newsLatency) ? s.newsLatency : `News latency: ${s.newsLatency}`,
    `Spread: ${s.spreadModel}`,
    s.indexSymbol ? `Market-adjusted figures less ${s.indexSymbol}` : 'Not market-adjusted',
    `Bootstrap interval: ${s.bootstrap.resamples} resamples at ${s.bootstrap.level * 100} %`,
  ];
}

/** Nested settings as dotted keys (strategy.STRATEGY_STOP_ATR); lists stay whole. */
function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

const shown = (v: unknown): string => {
  if (v === undefined) return '(not set)';
  if (Array.isArray(v)) return v.length > LONG_LIST ? `${v.length} items` : v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/** The settings two runs were asked with, where they differ (lists: how many items each has that the other lacks). */
export function settingsDiff(a: Record<string, unknown>, b: Record<string, unknown>) {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort();
  const differ = keys
    .filter((k) => JSON.stringify(fa[k]) !== JSON.stringify(fb[k]))
    .map((key) => {
      const [x, y] = [fa[key], fb[key]];
      let note: string | null = null;
      if (Array.isArray(x) && Array.isArray(y)) {
        const [sx, sy] = [new Set(x.map((v) => JSON.stringify(v))), new Set(y.map((v) => JSON.stringify(v)))];
        note = `${[...sx].filter((v) => !sy.has(v)).length} only in A, ${[...sy].filter((v) => !sx.has(v)).length} only in B`;
      }
      return { key, a: shown(x), b: shown(y), note };
    });
  return { differ, same: keys.length - differ.length };
}

/** research-compare: two runs' settings and assumptions where they differ, and two event studies catalyst by catalyst. */
export async function researchCompareView(deps: ResearchViewDeps, ids: { a: number; b: number }) {
  const [a, b] = await Promise.all([deps.research.run(ids.a), deps.research.run(ids.b)]);
  if (!a) throw new AppError('NOT_FOUND', `No research run ${ids.a}`);
  if (!b) throw new AppError('NOT_FOUND', `No research run ${ids.b}`);
  const head = (r: ResearchRunRecord) => ({ id: r.id, kind: r.kind, status: r.status, from: r.from, to: r.to, settingsDigest: r.settingsDigest });
  const [xa, xb] = [assumptionsOf(a), assumptionsOf(b)];
  const notes: string[] = [];
  if (a.kind !== b.kind) notes.push(`A is a ${a.kind} and B a ${b.kind}: their figures are not measured the same way.`);
  if (a.from !== b.from || a.to !== b.to) notes.push(`They cover different windows (A ${a.from} → ${a.to}, B ${b.from} → ${b.to}): a difference may come from the period, not the settings.`);
  if (a.settingsDigest === b.settingsDigest) notes.push('Same settings digest: they were asked the same thing.');
  return {
    a: head(a),
    b: head(b),
    notes,
    settings: settingsDiff(settingsOf(a), settingsOf(b)),
    assumptions: { shared: xa.filter((x) => xb.includes(x)), onlyA: xa.filter((x) => !xb.includes(x)), onlyB: xb.filter((x) => !xa.includes(x)) },
    eventStudies: a.kind === 'event-study' && b.kind === 'event-study' ? compareEventStudies(a.document, b.document) : null,
  };
}
