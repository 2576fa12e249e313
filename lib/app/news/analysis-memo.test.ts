import { describe, expect, it } from 'vitest';
import { memoiseAnalysis } from './analysis-memo.ts';
import { analyseItem } from './analyse-item.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { Asset } from '../../domain/market.ts';

const T = Date.parse('2026-11-23T15:00:00Z');
const item = (over: Partial<NewsItem> = {}): NewsItem => ({
  source: 'sim', sourceId: '1', version: T, publishedAt: T, receivedAt: T, headline: 'Acme beats estimates and raises guidance', summary: 'Acme Corp reported record revenue.', url: null, symbols: ['ACME'], contentHash: 'h1', ...over,
});
const asset = (symbol: string, name: string): Asset => ({ symbol, name, assetClass: 'us_equity', exchange: 'NASDAQ', status: 'active', minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1, tradable: true, shortable: true, easyToBorrow: true, fractionable: true, marginable: true });

function counted() {
  const calls: NewsItem[] = [];
  const analyse = memoiseAnalysis((i, a) => (calls.push(i), analyseItem(i, a)), 2);
  return { calls, analyse };
}

describe('memoiseAnalysis', () => {
  it('analyses_a_version_polled_again_only_once_with_the_same_result', () => {
    const { calls, analyse } = counted();
    const assets = [asset('ACME', 'Acme Corp')];
    const first = analyse(item(), assets);
    const again = analyse(item({ receivedAt: T + 60_000 }), assets);
    expect(calls).toHaveLength(1);
    expect(again).toBe(first);
    expect(first).toEqual(analyseItem(item(), assets));
    expect(first.sentimentLabel).toBe('positive');
    expect(Object.isFrozen(first.evidence)).toBe(true);
  });

  it('analyses_again_when_the_text_tickers_extras_or_asset_list_change', () => {
    const { calls, analyse } = counted();
    const assets = [asset('ACME', 'Acme Corp')];
    analyse(item(), assets);
    const edited = analyse(item({ version: T + 1, headline: 'Acme misses estimates and cuts guidance' }), assets);
    expect(edited.sentimentLabel).toBe('negative');
    analyse(item({ symbols: ['ACME', 'BETA'] }), assets);
    analyse(item({ meta: { channels: ['earnings'] } }), assets);
    analyse(item(), [asset('ACME', 'Acme Corp'), asset('BETA', 'Beta Inc')]);
    expect(calls).toHaveLength(5);
  });

  it('keeps_what_it_knows_when_the_asset_list_is_read_again_with_the_same_content', () => {
    const { calls, analyse } = counted();
    analyse(item(), [asset('ACME', 'Acme Corp')]);
    analyse(item(), [asset('ACME', 'Acme Corp')]);
    expect(calls).toHaveLength(1);
  });

  it('forgets_the_oldest_items_beyond_its_capacity', () => {
    const { calls, analyse } = counted();
    const assets: Asset[] = [];
    for (const h of ['one rises', 'two falls', 'three jumps']) analyse(item({ headline: h }), assets);
    analyse(item({ headline: 'three jumps' }), assets);
    expect(calls).toHaveLength(3);
    analyse(item({ headline: 'one rises' }), assets);
    expect(calls).toHaveLength(4);
  });
});
