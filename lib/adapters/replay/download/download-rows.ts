import type { Bar } from '../../../domain/market.ts';
import type { NewsItem } from '../../../domain/news.ts';
import { newsContentHash } from '../../news/content-hash.ts';
import type { NewsItemWire } from '../../alpaca/alpaca.market-data.models.ts';
import type { BarsUnit } from './download-plan.ts';

/** What the bars say about where they came from, stored in history_bars.source. */
export function barsSource(unit: BarsUnit): string {
  return unit.market === 'stocks' ? `alpaca feed=${unit.feed} adjustment=${unit.adjustment}` : 'alpaca crypto/us';
}

/**
 * A news item as the backtest should replay it: one version known at `created_at` and, when the item was
 * updated, one at `updated_at`. Alpaca serves only an item's latest text, so both carry it; `meta.textAsOf`
 * says when that text was current.
 */
export function newsVersions(w: NewsItemWire): NewsItem[] {
  const summary = w.summary ?? '';
  const base = {
    source: 'alpaca',
    sourceId: String(w.id),
    publishedAt: w.created_at,
    headline: w.headline,
    summary,
    url: w.url ? w.url : null,
    symbols: [...new Set(w.symbols.map((s) => s.toUpperCase()))],
    contentHash: newsContentHash(w.headline, summary),
    meta: { author: w.author ?? null, provider: w.source ?? null, downloaded: true, textAsOf: new Date(w.updated_at).toISOString() },
  };
  const first: NewsItem = { ...base, version: w.created_at, receivedAt: w.created_at };
  return w.updated_at > w.created_at ? [first, { ...base, version: w.updated_at, receivedAt: w.updated_at }] : [first];
}

/** Why a bar cannot be stored (the history table's rules), or null. */
export function barProblem(b: Bar): string | null {
  if (!(b.l > 0)) return 'low is not positive';
  if (!(b.h >= Math.max(b.o, b.c, b.l) && b.l <= Math.min(b.o, b.c))) return 'high, low, open and close are inconsistent';
  if (!(b.v >= 0)) return 'negative volume';
  return null;
}
