import { describe, expect, it } from 'vitest';
import { assetListCache } from './asset-list-cache.ts';
import type { Asset } from '../../domain/market.ts';

const asset = (symbol: string) => ({ symbol }) as unknown as Asset;

describe('assetListCache', () => {
  it('reads_the_list_again_after_a_minute_of_the_trading_clock_however_fast_the_wall_clock_runs', async () => {
    let now = Date.UTC(2026, 10, 16, 14, 30);
    let lists = 0;
    const current = [[asset('AAA')], [asset('AAA'), asset('BBB')]];
    const assets = assetListCache({ now: () => now }, async () => current[Math.min(lists++, 1)]!);
    expect((await assets()).map((a) => a.symbol)).toEqual(['AAA']);
    now += 30_000;
    expect((await assets()).map((a) => a.symbol)).toEqual(['AAA']);
    expect(lists).toBe(1);
    // A backtest's next day arrives within the same wall-clock millisecond: the list must follow the trading clock.
    now += 86_400_000;
    expect((await assets()).map((a) => a.symbol)).toEqual(['AAA', 'BBB']);
    expect(lists).toBe(2);
  });

  it('answers_a_list_read_again_with_the_same_content_with_the_array_kept_before', async () => {
    let now = Date.UTC(2026, 10, 16, 14, 30);
    const assets = assetListCache({ now: () => now }, async () => [asset('AAA'), asset('BBB')]);
    const first = await assets();
    now += 120_000;
    expect(await assets()).toBe(first);
  });

  it('reads_again_when_the_trading_clock_goes_back', async () => {
    let now = Date.UTC(2026, 10, 16, 14, 30);
    let lists = 0;
    const assets = assetListCache({ now: () => now }, async () => (lists++, [asset('AAA')]));
    await assets();
    now -= 1_000;
    await assets();
    expect(lists).toBe(2);
  });

  it('reads_a_list_differing_in_any_one_field_as_a_new_list', async () => {
    const full: Asset = { symbol: 'AAA', name: 'Alpha', exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1 };
    const changed = (k: keyof Asset): Asset => ({ ...full, [k]: typeof full[k] === 'boolean' ? !full[k] : typeof full[k] === 'number' ? (full[k] as number) + 1 : `${String(full[k])}x` });
    for (const k of Object.keys(full) as (keyof Asset)[]) {
      let now = Date.UTC(2026, 10, 16, 14, 30);
      const lists = [[{ ...full }], [changed(k)]];
      let reads = 0;
      const assets = assetListCache({ now: () => now }, async () => lists[Math.min(reads++, 1)]!);
      const first = await assets();
      now += 120_000;
      const second = await assets();
      expect(second, k).not.toBe(first);
      expect(second[0]![k], k).toBe(changed(k)[k]);
    }
  });

  it('keeps_the_array_when_a_list_with_extra_fields_comes_back_unchanged_and_not_when_an_extra_field_changes', async () => {
    let now = Date.UTC(2026, 10, 16, 14, 30);
    const lists = [[{ ...asset('AAA'), extra: 1 }], [{ ...asset('AAA'), extra: 1 }], [{ ...asset('AAA'), extra: 2 }]] as unknown as Asset[][];
    let reads = 0;
    const assets = assetListCache({ now: () => now }, async () => lists[Math.min(reads++, 2)]!);
    const first = await assets();
    now += 120_000;
    expect(await assets()).toBe(first);
    now += 120_000;
    expect(await assets()).not.toBe(first);
  });
});
