import { describe, expect, it } from 'vitest';
import { sharedNewsAnalysis } from './shared-news-analysis.ts';
import { analyseItem } from '../news/analyse-item.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { Asset } from '../../domain/market.ts';

const asset = (symbol: string, name: string): Asset => ({
  symbol, name, exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true,
  fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1,
});
const item = (headline: string, symbols: string[] = []): NewsItem =>
  ({ id: 'x', source: 'test', sourceId: headline, version: 1, headline, summary: 'Shares rose in early trading.', symbols, publishedAt: 0, updatedAt: 0, receivedAt: 0, url: null, contentHash: 'h' }) as unknown as NewsItem;

describe('news analysis shared across trials', () => {
  it('answers_what_analyse_item_answers_analysing_each_distinct_item_and_asset_list_once', () => {
    let calls = 0;
    const shared = sharedNewsAnalysis((i, a) => (calls++, analyseItem(i, a)));
    const assets = [asset('ACME', 'Acme Corp'), asset('GLOB', 'Globex Inc')];
    const beat = item('Acme Corp beats estimates and raises guidance');
    expect(shared(beat, assets)).toEqual(analyseItem(beat, assets));
    // Another trial: its own copies of the same items and assets.
    expect(shared(structuredClone(beat), structuredClone(assets))).toEqual(analyseItem(beat, assets));
    expect(calls).toBe(1);
    // A different asset list or different symbols are a different analysis.
    expect(shared(beat, assets.slice(0, 1))).toEqual(analyseItem(beat, assets.slice(0, 1)));
    expect(shared(item('Acme Corp beats estimates and raises guidance', ['GLOB']), assets)).toEqual(analyseItem(item('Acme Corp beats estimates and raises guidance', ['GLOB']), assets));
    expect(calls).toBe(3);
    expect(shared.size()).toBe(3);
  });

  it('analyses_again_an_item_whose_summary_symbols_or_meta_differ_under_the_same_headline', () => {
    let calls = 0;
    const shared = sharedNewsAnalysis((i, a) => (calls++, analyseItem(i, a)));
    const assets = [asset('ACME', 'Acme Corp'), asset('GLOB', 'Globex Inc')];
    const base = item('Acme Corp and Globex Inc sign a supply deal', ['ACME', 'GLOB']);
    const variants: NewsItem[] = [
      base,
      { ...base, summary: 'Shares fell after the announcement.' },
      { ...base, symbols: ['GLOB', 'ACME'] },
      { ...base, symbols: ['ACME'] },
      { ...base, meta: { author: 'A' } },
      { ...base, meta: { author: 'B' } },
    ];
    for (const v of variants) expect(shared(v, assets)).toEqual(analyseItem(v, assets));
    expect(calls).toBe(variants.length);
    // The same inputs again, in fresh objects (a meta equal in content, null meta as no meta): no new analysis.
    for (const v of variants) expect(shared(structuredClone(v), assets)).toEqual(analyseItem(v, assets));
    expect(shared({ ...base, meta: null } as unknown as NewsItem, assets)).toEqual(analyseItem(base, assets));
    expect(calls).toBe(variants.length);
    expect(shared.size()).toBe(variants.length);
  });

  it('hands_out_frozen_records_so_a_store_that_tries_to_change_one_changes_no_other_trial', () => {
    const shared = sharedNewsAnalysis();
    const assets = [asset('ACME', 'Acme Corp')];
    const a = shared(item('Acme Corp wins FDA approval'), assets);
    expect(() => a.linkedSymbols.push({ symbol: 'ZZZ', confidence: 1 })).toThrow(TypeError);
    expect(() => Object.assign(a, { catalystWeight: 0 })).toThrow(TypeError);
    expect(shared(item('Acme Corp wins FDA approval'), structuredClone(assets))).toEqual(analyseItem(item('Acme Corp wins FDA approval'), assets));
  });
});
