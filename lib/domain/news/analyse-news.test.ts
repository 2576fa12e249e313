import { describe, expect, it } from 'vitest';
import type { Asset } from '../market.ts';
import { analyseNews } from './analyse-news.ts';
import { buildTickerIndex } from './ticker-link.ts';

const ASSETS: Asset[] = [
  { symbol: 'BYND', name: 'Beyond Meat, Inc. Common Stock' },
  { symbol: 'MCD', name: "McDonald's Corporation Common Stock" },
].map((a) => ({ ...a, exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1 }));

describe('analyseNews', () => {
  it('analyses_a_plain_text', () => {
    const a = analyseNews('Beyond Meat shares soar after earnings beat estimates', ASSETS);
    expect(a.sentiment.label).toBe('positive');
    expect(a.catalyst).toMatchObject({ type: 'earnings', blocksLong: false });
    expect(a.links.map((l) => l.symbol)).toEqual(['BYND']);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads_the_summary_and_places_its_evidence_after_the_headline', () => {
    const headline = 'Beyond Meat update';
    const summary = "The company's profit fell sharply; McDonald's ends the test.";
    const a = analyseNews({ headline, summary }, buildTickerIndex(ASSETS));
    const text = `${headline}\n${summary}`;
    expect(a.sentiment.label).toBe('negative');
    for (const e of a.sentiment.evidence) expect(text.slice(e.start, e.end)).toBe(e.phrase);
    expect(a.links.map((l) => l.symbol).sort()).toEqual(['BYND', 'MCD']);
  });

  it('lets_the_headline_outweigh_the_summary', () => {
    const a = analyseNews({ headline: 'Acme shares soar to record high', summary: 'Some analysts remain cautious.' });
    expect(a.sentiment.label).toBe('positive');
  });

  it('links_source_tickers_with_full_confidence', () => {
    const a = analyseNews({ headline: 'Beyond Meat expands in China', symbols: ['bynd', 'tsla'] }, ASSETS);
    expect(a.links[0]).toMatchObject({ symbol: 'BYND', confidence: 1 });
    expect(a.links[0]!.evidence.map((e) => e.kind)).toEqual(['source', 'name']);
    expect(a.links.find((l) => l.symbol === 'TSLA')).toEqual({ symbol: 'TSLA', confidence: 1, evidence: [{ kind: 'source', text: 'TSLA', start: -1, end: -1 }] });
  });

  it('classifies_an_8k_from_its_item_codes', () => {
    const a = analyseNews({ headline: '8-K - Acme Corp (0000012345) (Filer)', summary: 'Item 3.02: Unregistered Sales of Equity Securities', meta: { items: ['3.02'] } });
    expect(a.catalyst).toMatchObject({ type: 'offering-dilution', blocksLong: true });
  });
});
