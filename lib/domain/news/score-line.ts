// One input line of `npm run news:score` read and analysed: plain text, or a JSON object
// {"text", "symbols"?, "time"?, "source"?, "summary"?}. A bad line is a value naming the field, never a throw.
import * as z from 'zod/mini';
import { analyseNews, type NewsAnalysis } from './analyse-news.ts';
import type { TickerIndex } from './ticker-link.ts';

const JsonLine = z.object({
  text: z.string().check(z.minLength(1, 'expected a non-empty string')),
  summary: z.optional(z.string()),
  symbols: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9.\/-]{1,12}$/, 'expected ticker symbols like "AAPL"')))),
  time: z.optional(z.string()),
  source: z.optional(z.string()),
});

export type ScoredLine = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** The printed reading of one item: entities with roles, per-company direction, catalyst, analyst actions, deciding phrases. */
export function describeAnalysis(text: string, a: NewsAnalysis, extra: { time?: string; source?: string }): Record<string, unknown> {
  return {
    text,
    ...(extra.time !== undefined ? { time: extra.time } : {}),
    ...(extra.source !== undefined ? { source: extra.source } : {}),
    kind: a.kind.kind,
    label: a.sentiment.label,
    score: a.sentiment.score,
    catalyst: a.catalyst.type,
    blocksLong: a.catalyst.blocksLong,
    entities: a.links.map((l) => ({ symbol: l.symbol, confidence: l.confidence, evidence: l.evidence.map((e) => `${e.kind}:${e.text}`) })),
    companies: a.companies.map((c) => ({ symbol: c.symbol, role: c.role, direction: c.direction, strength: c.strength, score: c.score, catalyst: c.catalyst, deciding: c.deciding })),
    analystActions: a.analystActions.map((x) => ({
      action: x.action, firm: x.firm, subject: x.subject?.text ?? null, ratingFrom: x.ratingFrom, ratingTo: x.ratingTo, targetFrom: x.targetFrom, targetTo: x.targetTo, score: x.score,
    })),
    deciding: [...new Set([...(a.kind.evidence ? [a.kind.evidence.phrase] : []), ...a.sentiment.evidence.map((e) => e.phrase), ...a.catalyst.evidence.map((e) => e.phrase)])],
  };
}

/** Reads and analyses one line; `null` for a blank line. */
export function scoreLine(line: string, index?: TickerIndex): ScoredLine | null {
  const trimmed = line.trim();
  if (!trimmed) return null;
  if (!trimmed.startsWith('{')) return { ok: true, value: describeAnalysis(trimmed, analyseNews(trimmed, index), {}) };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${(e as Error).message}); expected plain text or {"text": ...}` };
  }
  const parsed = JsonLine.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') };
  const { text, summary, symbols, time, source } = parsed.data;
  const a = analyseNews({ headline: text, ...(summary ? { summary } : {}), ...(symbols ? { symbols } : {}) }, index);
  return { ok: true, value: describeAnalysis(text, a, { ...(time !== undefined ? { time } : {}), ...(source !== undefined ? { source } : {}) }) };
}
