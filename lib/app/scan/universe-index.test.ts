import { describe, expect, it } from 'vitest';
import type { Asset } from '../../domain/market.ts';
import { indexUniverse, universeIndexCache } from './universe-index.ts';

const asset = (symbol: string, over: Partial<Asset> = {}): Asset => ({
  symbol, name: symbol, exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true,
  easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1, ...over,
});
const config = () => ({ symbols: [], exchanges: ['nasdaq'], cryptoEnabled: true });

describe('universeIndexCache', () => {
  it('reuses_the_index_while_the_same_frozen_rows_and_an_equal_config_come_back', () => {
    const rows = [asset('AAA'), asset('BTC/USD', { assetClass: 'crypto', exchange: 'CRYPTO' }), asset('HALT', { tradable: false })].map((a) => Object.freeze(a));
    const index = universeIndexCache();
    const first = index(rows, config(), 'us_equity');
    expect(first.universe.map((a) => a.symbol)).toEqual(['AAA']);
    expect(index([...rows], config(), 'us_equity')).toBe(first);
    const crypto = index(rows, config(), 'crypto');
    expect(crypto.byTag.get('BTCUSD')).toBe('BTC/USD');
    expect(index(rows, config(), 'us_equity')).toBe(first);
  });

  it('indexes_again_when_a_row_or_the_config_changes_or_the_rows_are_not_frozen', () => {
    const index = universeIndexCache();
    const rows = [Object.freeze(asset('AAA')), Object.freeze(asset('BBB'))];
    const first = index(rows, config(), 'us_equity');
    const changed = index([rows[0]!, Object.freeze(asset('BBB', { status: 'inactive' }))], config(), 'us_equity');
    expect(changed.universe.map((a) => a.symbol)).toEqual(['AAA']);
    expect(index(rows, { ...config(), symbols: ['BBB'] }, 'us_equity').universe.map((a) => a.symbol)).toEqual(['BBB']);
    const loose = [asset('AAA'), asset('BBB')];
    const a = index(loose, config(), 'us_equity');
    loose[1]!.tradable = false;
    expect(index(loose, config(), 'us_equity').universe.map((x) => x.symbol)).toEqual(['AAA']);
    expect(a).not.toBe(first);
    expect(indexUniverse(rows, config(), 'us_equity')).toEqual(first);
  });
});
