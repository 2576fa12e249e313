import { describe, expect, it } from 'vitest';
import type { Asset } from '../market.ts';
import { buildTickerIndex, linkTickers } from './ticker-link.ts';

function asset(symbol: string, name: string): Asset {
  return {
    symbol, name, exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true,
    fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1,
  };
}

const ASSETS = [
  asset('AAPL', 'Apple Inc. Common Stock'),
  asset('TGT', 'Target Corporation Common Stock'),
  asset('BYND', 'Beyond Meat, Inc. Common Stock'),
  asset('COF', 'Capital One Financial Corporation Common Stock'),
  asset('MMM', '3M Company Common Stock'),
  asset('GOOGL', 'Alphabet Inc. Class A Common Stock'),
  asset('GOOG', 'Alphabet Inc. Class C Capital Stock'),
  asset('INCY', 'Incyte Corporation Common Stock'),
  asset('TSLA', 'Tesla, Inc. Common Stock'),
];
const index = buildTickerIndex(ASSETS);
const symbols = (text: string) => linkTickers(text, index).map((l) => l.symbol);

describe('linkTickers', () => {
  it('links_cashtags_and_names_with_their_evidence', () => {
    const text = '$BYND - JPMorgan reels in expectations on Beyond Meat';
    const [link] = linkTickers(text, index);
    expect(link?.symbol).toBe('BYND');
    expect(link!.confidence).toBeGreaterThan(0.95);
    expect(link!.evidence.map((e) => [e.kind, text.slice(e.start, e.end)])).toEqual([
      ['cashtag', '$BYND'],
      ['name', 'Beyond Meat'],
    ]);
  });

  it('links_exchange_prefixes_and_parenthesised_tickers', () => {
    expect(linkTickers('Incyte (NASDAQ:INCY) has a solid balance sheet', index)[0]).toMatchObject({ symbol: 'INCY' });
    expect(symbols('Shares of Tesla (TSLA) rise')).toEqual(['TSLA']);
    expect(linkTickers('NYSE: MMM slides', index)[0]!.evidence[0]!.kind).toBe('exchange');
  });

  it('matches_possessives_numbers_and_short_names', () => {
    expect(symbols("Alphabet's profit rises")).toEqual(['GOOG', 'GOOGL']);
    expect(symbols('3M cuts outlook')).toEqual(['MMM']);
    const [cof] = linkTickers('Capital One tops estimates', index);
    expect(cof).toMatchObject({ symbol: 'COF', confidence: 0.65 });
  });

  it('gives_an_everyday_word_name_low_confidence_unless_in_context', () => {
    expect(linkTickers('Apple pie recipes', index)[0]!.confidence).toBeLessThan(0.5);
    expect(linkTickers('Target shares rise after earnings', index)[0]!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(symbols('Shoppers hit the target')).toEqual([]);
  });

  it('ignores_unknown_cashtags_when_an_asset_list_is_given', () => {
    expect(symbols('$XYZ and $AAPL')).toEqual(['AAPL']);
  });

  it('links_cashtags_unchecked_without_an_asset_list', () => {
    expect(linkTickers('$XYZ rallies')).toEqual([{ symbol: 'XYZ', confidence: 0.6, evidence: [{ kind: 'cashtag', text: '$XYZ', start: 0, end: 4 }] }]);
    expect(linkTickers('Beyond Meat rallies')).toEqual([]);
  });

  it('indexes_ten_thousand_assets_and_links_from_the_prebuilt_index', () => {
    const many = [...ASSETS, ...Array.from({ length: 10_000 }, (_, i) => asset(`Z${i}`, `Zeta${i.toString(36)}quor Holdings Inc. Common Stock`))];
    const t0 = performance.now();
    const big = buildTickerIndex(many);
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 1000; i += 1) linkTickers(`Zeta${(i * 7).toString(36)}quor shares rise as Beyond Meat slides`, big);
    const linkMs = performance.now() - t1;
    expect(linkTickers('Zeta2squor beats; Beyond Meat slides', big).map((l) => l.symbol)).toEqual(['BYND', `Z${parseInt('2s', 36)}`]);
    // Generous bounds (shared CI cores): about 10x what this machine measures.
    expect(buildMs).toBeLessThan(3000);
    expect(linkMs).toBeLessThan(1500);
  });
});
