import * as z from 'zod/mini';
import type { Bar } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import { AppError } from '../../shared/errors.ts';
import { newsContentHash } from '../news/content-hash.ts';
import { inferTimeframe, parseHistoryTime } from './history-time.ts';
import { RowProblems, type HistoryBar, type ImportOptions, type ParsedBars, type ParsedNews } from './history-types.ts';

const finite = z.number().check(z.refine(Number.isFinite, 'expected a finite number'));
const instant = z.pipe(
  z.string().check(z.refine((s) => parseHistoryTime(s)?.dateOnly === false, 'expected an RFC-3339 timestamp')),
  z.transform((s) => parseHistoryTime(s)!.t),
);
const barWire = z.object({ t: instant, o: finite, h: finite, l: finite, c: finite, v: finite, n: z.optional(finite), vw: z.optional(finite) });
const newsWire = z.object({
  id: z.union([z.number(), z.string()]),
  headline: z.string().check(z.refine((s) => s.trim().length > 0, 'expected a headline')),
  author: z.optional(z.nullable(z.string())),
  created_at: instant,
  updated_at: z.optional(z.nullable(instant)),
  summary: z.optional(z.nullable(z.string())),
  url: z.optional(z.nullable(z.string())),
  symbols: z.optional(z.nullable(z.array(z.string()))),
  source: z.optional(z.nullable(z.string())),
});

/** True when a JSON payload looks like Alpaca's bars response (multi-symbol map or single-symbol list). */
export function isAlpacaBars(payload: unknown): boolean {
  const pages = Array.isArray(payload) ? payload : [payload];
  return pages.length > 0 && pages.every((p) => typeof p === 'object' && p !== null && 'bars' in p);
}

/** True when a JSON payload looks like Alpaca's news response. */
export function isAlpacaNews(payload: unknown): boolean {
  const pages = Array.isArray(payload) ? payload : [payload];
  return pages.length > 0 && pages.every((p) => typeof p === 'object' && p !== null && Array.isArray((p as { news?: unknown }).news));
}

function firstIssue(error: z.core.$ZodError, at: string): [string, string] {
  const issue = error.issues[0]!;
  return [[at, ...issue.path.map(String)].join('.'), issue.message && issue.message !== 'Invalid input' ? issue.message : `expected ${issue.code === 'invalid_type' ? issue.expected : 'a valid value'}`];
}

/**
 * Parses saved Alpaca bars responses (`{bars: {SYM: [{t,o,h,l,c,v,n,vw}]}, next_page_token}`, the
 * single-symbol `{symbol, bars: [...]}`, or an array of pages). The payload does not say its timeframe:
 * it is inferred per symbol from the timestamps unless given.
 */
export function parseAlpacaBars(payload: unknown, options: ImportOptions): ParsedBars {
  if (!isAlpacaBars(payload)) throw new AppError('DATA_INVALID', `${options.file}: expected an Alpaca bars response with a "bars" field`);
  const problems = new RowProblems(options);
  const bySymbol = new Map<string, Bar[]>();
  const pages = (Array.isArray(payload) ? payload : [payload]) as { bars: unknown; symbol?: unknown }[];
  pages.forEach((page, p) => {
    const prefix = pages.length > 1 ? `[${p}].bars` : 'bars';
    const entries: [string, unknown][] = Array.isArray(page.bars) ? [[String(page.symbol ?? options.symbol ?? ''), page.bars]] : Object.entries((page.bars ?? {}) as Record<string, unknown>);
    for (const [symbol, list] of entries) {
      if (!symbol || !Array.isArray(list)) {
        problems.report(null, `${prefix}.${symbol || '?'}`, 'expected a symbol with a list of bars');
        continue;
      }
      list.forEach((raw, i) => {
        const parsed = barWire.safeParse(raw);
        if (!parsed.success) return problems.report(null, ...firstIssue(parsed.error, `${prefix}.${symbol}[${i}]`));
        const { t, o, h, l, c, v, n, vw } = parsed.data;
        if (!(h >= Math.max(o, c, l) && l <= Math.min(o, c) && l > 0 && v >= 0)) return problems.report(null, `${prefix}.${symbol}[${i}]`, 'high, low, open and close are inconsistent');
        const bar: Bar = { t, o, h, l, c, v, ...(vw === undefined ? {} : { vw }), ...(n === undefined ? {} : { n }) };
        const bars = bySymbol.get(symbol.toUpperCase()) ?? [];
        bars.push(bar);
        bySymbol.set(symbol.toUpperCase(), bars);
      });
    }
  });
  const bars: HistoryBar[] = [];
  for (const [symbol, list] of [...bySymbol].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => a.t - b.t);
    const timeframe = options.timeframe ?? inferTimeframe(list.map((b) => b.t));
    if (!timeframe) throw new AppError('DATA_INVALID', `${options.file}: cannot tell the timeframe of ${symbol} from its timestamps; give it explicitly`);
    list.forEach((bar, i) => {
      if (i > 0 && bar.t === list[i - 1]!.t) problems.note(null, `${symbol} ${new Date(bar.t).toISOString()}: repeated bar`);
      else bars.push({ symbol, timeframe, bar });
    });
  }
  return { kind: 'bars', bars, skipped: problems.skipped };
}

/**
 * Parses saved Alpaca news responses (`{news: [...], next_page_token}` or an array of pages) into news
 * items of source `alpaca`: the version is `updated_at`, as the live adapter stamps it, and an empty
 * summary stays empty (real responses often have one).
 */
export function parseAlpacaNews(payload: unknown, options: ImportOptions): ParsedNews {
  if (!isAlpacaNews(payload)) throw new AppError('DATA_INVALID', `${options.file}: expected an Alpaca news response with a "news" list`);
  const problems = new RowProblems(options);
  const items: NewsItem[] = [];
  const pages = (Array.isArray(payload) ? payload : [payload]) as { news: unknown[] }[];
  pages.forEach((page, p) => {
    page.news.forEach((raw, i) => {
      const parsed = newsWire.safeParse(raw);
      const at = `${pages.length > 1 ? `[${p}].` : ''}news[${i}]`;
      if (!parsed.success) return problems.report(null, ...firstIssue(parsed.error, at));
      const n = parsed.data;
      const headline = n.headline.trim();
      const summary = (n.summary ?? '').trim();
      items.push({
        source: 'alpaca',
        sourceId: String(n.id),
        version: n.updated_at ?? n.created_at,
        publishedAt: n.created_at,
        receivedAt: n.updated_at ?? n.created_at,
        headline,
        summary,
        url: n.url ? n.url : null,
        symbols: [...new Set((n.symbols ?? []).map((s) => s.toUpperCase()))],
        contentHash: newsContentHash(headline, summary),
        meta: { author: n.author ?? null, provider: n.source ?? null },
      });
    });
  });
  return { kind: 'news', items, skipped: problems.skipped };
}
