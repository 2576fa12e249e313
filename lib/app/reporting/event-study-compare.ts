import type { EventStudyDocumentFile, EventGroupFile } from '../../domain/research/event-study.schema.ts';
import { holmAdjusted, welchTest } from '../../domain/research/welch-test.ts';

type Summary = EventGroupFile['returns'][string];

/** Family-wise error rate the highlighted differences are held to. */
export const COMPARE_ALPHA = 0.05;

/** One horizon of one catalyst in both studies, and whether their means differ (tested, or why not). */
export interface HorizonComparison {
  horizon: string;
  a: Summary | null;
  b: Summary | null;
  /** a.mean - b.mean (fraction, in the direction of the news); null when either mean is missing. */
  difference: number | null;
  test: { t: number; df: number; p: number; pAdjusted: number; significant: boolean } | null;
  /** Why the difference was not tested (null when it was). */
  untested: string | null;
}

export interface CatalystComparison {
  catalyst: string;
  eventsA: number;
  eventsB: number;
  /** Events (same news item on the same symbol) found in both studies' group. */
  shared: number;
  horizons: HorizonComparison[];
}

const eventKey = (e: EventStudyDocumentFile['events'][number]) => `${e.source}\u0000${e.sourceId}\u0000${e.symbol}`;
const groupOf = (e: EventStudyDocumentFile['events'][number]) => e.catalyst;

function welchOf(a: Summary | null, b: Summary | null) {
  if (a?.mean == null || a.sd === null || b?.mean == null || b.sd === null) return null;
  return welchTest({ n: a.n, mean: a.mean, sd: a.sd }, { n: b.n, mean: b.mean, sd: b.sd });
}

/** The catalyst groups (and "all") of two event studies side by side, each difference in mean tested with Welch's t and Holm's correction. */
export function compareEventStudies(a: EventStudyDocumentFile, b: EventStudyDocumentFile) {
  const horizons = a.settings.horizons.filter((x) => b.settings.horizons.includes(x));
  const keysB = new Set(b.events.map(eventKey));
  const sharedBy = new Map<string, number>();
  let sharedAll = 0;
  for (const e of a.events) {
    if (!keysB.has(eventKey(e))) continue;
    sharedAll++;
    sharedBy.set(groupOf(e), (sharedBy.get(groupOf(e)) ?? 0) + 1);
  }
  const groups = (d: EventStudyDocumentFile) => new Map(d.groups.filter((g) => g.dimension === 'catalyst' || g.dimension === 'all').map((g) => [g.dimension === 'all' ? 'all' : g.group, g]));
  const ga = groups(a);
  const gb = groups(b);
  const total = (name: string) => (name === 'all' ? Infinity : (ga.get(name)?.events ?? 0) + (gb.get(name)?.events ?? 0));
  const names = [...new Set([...ga.keys(), ...gb.keys()])].sort((x, y) => total(y) - total(x) || x.localeCompare(y));

  const raw: { row: number; col: number; p: number }[] = [];
  const rows: CatalystComparison[] = names.map((catalyst, row) => {
    const x = ga.get(catalyst);
    const y = gb.get(catalyst);
    const shared = catalyst === 'all' ? sharedAll : (sharedBy.get(catalyst) ?? 0);
    return {
      catalyst, eventsA: x?.events ?? 0, eventsB: y?.events ?? 0, shared,
      horizons: horizons.map((horizon, col) => {
        const sa = x?.returns[horizon] ?? null;
        const sb = y?.returns[horizon] ?? null;
        const difference = sa?.mean != null && sb?.mean != null ? sa.mean - sb.mean : null;
        const w = shared === 0 ? welchOf(sa, sb) : null;
        const untested = w ? null : difference === null ? 'no mean in one study' : shared > 0 ? `${shared} event(s) in both studies: not independent samples` : 'under 2 events on a side, or no spread';
        if (w) raw.push({ row, col, p: w.p });
        return { horizon, a: sa, b: sb, difference, test: w ? { t: w.t, df: w.df, p: w.p, pAdjusted: 1, significant: false } : null, untested };
      }),
    };
  });
  holmAdjusted(raw.map((r) => r.p)).forEach((pAdjusted, i) => {
    const test = rows[raw[i]!.row]!.horizons[raw[i]!.col]!.test!;
    test.pAdjusted = pAdjusted;
    test.significant = pAdjusted < COMPARE_ALPHA;
  });
  const significant = rows.reduce((n, r) => n + r.horizons.filter((h) => h.test?.significant).length, 0);
  return {
    horizons,
    droppedHorizons: [...new Set([...a.settings.horizons, ...b.settings.horizons])].filter((x) => !horizons.includes(x)),
    sharedEvents: sharedAll,
    tests: raw.length,
    significant,
    method:
      `Difference in mean return (A − B) per catalyst and horizon, tested with Welch's two-sided t-test from each study's n, mean and standard deviation; ` +
      `highlighted when significant at ${COMPARE_ALPHA * 100} % after Holm's correction across the ${raw.length} tests on this page. ` +
      'Not tested where the studies share events (the samples are not independent) or a side has fewer than 2 events. ' +
      "The test takes each study's events as independent; news that clusters in time or across symbols makes its p-values too small.",
    catalysts: rows,
  };
}
