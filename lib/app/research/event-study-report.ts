import type { SampleSummary } from '../../domain/research/sample-stats.ts';
import type { EventSkips, NewsEvent } from './news-events.ts';
import type { GroupFigures } from './event-groups.ts';

/** The JSON format's name and version: bump the version on any change a reader would notice. */
export const EVENT_STUDY_FORMAT = 'catalyst.event-study';
export const EVENT_STUDY_VERSION = 1;

/** What every figure means; printed beside the table and written into the JSON. */
export const EVENT_STUDY_DEFINITIONS: Readonly<Record<string, string>> = {
  event: "a story's first version on one symbol it names (the source's tickers or a confident text link); later versions of a story are not new events",
  knownAt: 'the version timestamp plus the configured news latency (seeded per version): when the system could first have read it',
  textLaterThanKnown: "the stored text is stamped later than the event was known (Alpaca's history keeps only a story's latest text): its reading may look ahead",
  analysis: "catalyst and sentiment from the live news analysis (lib/app/news/analyse-item.ts) of the version known then; the company's own reading when the text names it, else the item's",
  direction: 'the trade the news suggests: long on positive or neutral news, short on negative; every return is in that direction',
  entry: "the first one-minute bar starting at or after knownAt: its open, paying half the modelled spread (lib/adapters/replay/spread-model.ts)",
  'return +Nm': "the last price printed before entry + N minutes (that bar's close), paying the other half spread, over the entry price; null when the bars stop before",
  'return close': "the same, to the regular close of the entry's session (the next session's for after-hours news)",
  adjusted: "the return less the index's (SPY, mid prices, no spread) over the same span, in the trade's direction; shown only when the index is stored",
  MAE: 'maximum adverse excursion: the worst low (long) or high (short) from entry through the last horizon reached, against the entry price; MFE the best',
  phase: 'New York time at knownAt: pre-market 04:00-09:30, first 30 minutes, midday to an hour before the close, last hour, after hours to 20:00, closed otherwise',
  rvol: "the symbol's volume that day up to knownAt over its 20-session average day's volume by the same minute (the scanner's U-shaped profile)",
  mean: 'arithmetic mean of the returns, bps (1 bp = 0.01 %)',
  median: 'the middle return, bps',
  t: 'mean / (sample sd / sqrt(n)): against zero; events on one day or one story are not independent, so read it as an upper bound',
  hit: 'share of returns above zero (after the spread)',
  CI: 'percentile bootstrap 95 % interval of the mean, resampling events with replacement (seeded)',
};

export interface EventStudySettings {
  from: string;
  to: string;
  symbols: string[] | null;
  horizons: string[];
  newsLatency: string;
  spreadModel: string;
  indexSymbol: string | null;
  bootstrap: { resamples: number; level: number; seed: number };
}

/** The event study as written to JSON: its settings, definitions, every event and every group. */
export interface EventStudyDocument {
  format: typeof EVENT_STUDY_FORMAT;
  version: typeof EVENT_STUDY_VERSION;
  settings: EventStudySettings;
  definitions: Readonly<Record<string, string>>;
  skipped: EventSkips;
  groups: GroupFigures[];
  events: NewsEvent[];
}

/** Assembles the versioned document. */
export function eventStudyDocument(settings: EventStudySettings, events: NewsEvent[], groups: GroupFigures[], skipped: EventSkips): EventStudyDocument {
  return { format: EVENT_STUDY_FORMAT, version: EVENT_STUDY_VERSION, settings, definitions: EVENT_STUDY_DEFINITIONS, skipped, groups, events };
}

const bps = (x: number | null) => (x === null ? '-' : (x * 10_000).toFixed(1));
const cell = (s: SampleSummary | undefined) => (s?.mean == null ? '-' : `${bps(s.mean)} (${s.t === null ? '-' : s.t.toFixed(1)})`);

function pad(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

function table(groups: readonly GroupFigures[], horizons: readonly string[], pick: (g: GroupFigures) => Record<string, SampleSummary> | null): string[] {
  const last = horizons.at(-1)!;
  const lines: string[] = [];
  for (const dimension of [...new Set(groups.map((g) => g.dimension))]) {
    const rows = [[dimension, 'n', ...horizons.map((h) => `${h} mean (t)`), `${last} median`, `${last} hit`, `${last} 95% CI`, 'MAE', 'MFE']];
    for (const g of groups.filter((x) => x.dimension === dimension)) {
      const figures = pick(g);
      const end = figures?.[last];
      rows.push([
        g.group, String(g.events), ...horizons.map((h) => cell(figures?.[h])), bps(end?.median ?? null),
        end?.hitRate == null ? '-' : `${(end.hitRate * 100).toFixed(0)}%`, end?.ci ? `[${bps(end.ci[0])}, ${bps(end.ci[1])}]` : '-', bps(g.meanMae), bps(g.meanMfe),
      ]);
    }
    lines.push(...pad(rows), '');
  }
  return lines;
}

/** The study as text: settings, one table per grouping (returns in bps), the market-adjusted tables, the definitions. */
export function formatEventStudy(doc: EventStudyDocument): string[] {
  const s = doc.settings;
  const k = doc.skipped;
  const lines = [
    `Event study ${s.from}..${s.to}${s.symbols ? ` (${s.symbols.join(', ')})` : ''}: ${doc.events.length} events`,
    `  skipped: ${k.laterVersions} later versions of stories, ${k.outsideWindow} stories known outside the window, ${k.noSymbolBars} symbol mentions without minute bars, ${k.noBarAfterNews} without a bar after the news`,
    ...(() => {
      const later = doc.events.filter((e) => e.textLaterThanKnown).length;
      return later ? [`  WARNING: ${later} events read text stamped later than they were known (the source keeps only its latest text): their catalyst and sentiment may look ahead`] : [];
    })(),
    `  news latency: ${s.newsLatency}`,
    `  spread: ${s.spreadModel}`,
    `  bootstrap: ${s.bootstrap.resamples} resamples, seed ${s.bootstrap.seed}`,
    '',
    'Returns after the spread, in the direction of the news, bps; mean (t-statistic) per horizon:',
    '',
    ...table(doc.groups, s.horizons, (g) => g.returns),
  ];
  if (doc.groups.some((g) => g.adjusted)) lines.push(`Market-adjusted (less ${s.indexSymbol}), bps:`, '', ...table(doc.groups, s.horizons, (g) => g.adjusted));
  else lines.push(`Not market-adjusted: no minute bars of ${s.indexSymbol ?? 'an index'} stored for the window.`, '');
  lines.push('Definitions:', ...Object.entries(doc.definitions).map(([name, text]) => `  ${name}: ${text}`));
  return lines;
}
