import { describe, expect, it } from 'vitest';
import { newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import { checkpointKey } from './download-store.ts';
import { planDownload, unitCheckpoint, type BarsUnit, type DownloadRequest } from './download-plan.ts';

const base: DownloadRequest = { from: '2026-03-02', to: '2026-03-20', stocks: ['MSFT', 'AAPL', 'TSLA'], crypto: ['BTC/USD'], timeframes: ['1Min', '1Day'], news: true, feed: 'iex', adjustment: 'split' };

describe('history download plan', () => {
  it('splits_minute_bars_into_week_windows_and_daily_bars_into_one_window_covering_the_dates', () => {
    const units = planDownload(base, new Set());
    const minute = units.filter((u): u is BarsUnit => u.dataset === 'bars' && u.timeframe === '1Min' && u.market === 'stocks');
    const windows = [...new Set(minute.map((u) => `${u.from}-${u.to}-${u.days}`))];
    const ny = (d: string) => newYorkTime(d, '00:00');
    expect(windows).toEqual([`${ny('2026-03-02')}-${ny('2026-03-09')}-7`, `${ny('2026-03-09')}-${ny('2026-03-16')}-7`, `${ny('2026-03-16')}-${ny('2026-03-21')}-5`]);
    // Every symbol in every window, once.
    for (const w of windows) expect(minute.filter((u) => `${u.from}-${u.to}-${u.days}` === w).flatMap((u) => u.symbols).sort()).toEqual(['AAPL', 'MSFT', 'TSLA']);
    const daily = units.filter((u) => u.dataset === 'bars' && u.timeframe === '1Day');
    expect(daily.map((u) => (u as BarsUnit).symbols)).toEqual([['AAPL', 'MSFT', 'TSLA'], ['BTC/USD']]);
    expect(units.filter((u) => u.dataset === 'news').map((u) => u.symbols)).toEqual([['AAPL', 'BTCUSD', 'MSFT', 'TSLA'], ['AAPL', 'BTCUSD', 'MSFT', 'TSLA'], ['AAPL', 'BTCUSD', 'MSFT', 'TSLA']]);
  });

  it('leaves_out_each_symbol_a_checkpoint_says_is_done_and_keeps_the_windows', () => {
    const all = planDownload(base, new Set());
    const firstDaily = all.find((u): u is BarsUnit => u.dataset === 'bars' && u.timeframe === '1Day')!;
    const done = new Set([checkpointKey(unitCheckpoint(firstDaily, 'AAPL', 10)), checkpointKey(unitCheckpoint(firstDaily, 'TSLA', 10))]);
    const rest = planDownload(base, done).filter((u): u is BarsUnit => u.dataset === 'bars' && u.timeframe === '1Day');
    expect(rest.map((u) => [u.symbols, u.from, u.to])).toEqual([[['MSFT'], firstDaily.from, firstDaily.to], [['BTC/USD'], firstDaily.from, firstDaily.to]]);
  });

  it('batches_more_symbols_per_request_when_fewer_bars_are_expected', () => {
    const many = { ...base, stocks: Array.from({ length: 250 }, (_, i) => `S${i}`), crypto: [], news: false };
    const units = planDownload(many, new Set()) as BarsUnit[];
    const size = (tf: string) => Math.max(...units.filter((u) => u.timeframe === tf).map((u) => u.symbols.length));
    expect(size('1Day')).toBe(100);
    expect(size('1Min')).toBeLessThan(5);
    expect(planDownload({ ...many, symbolsPerRequest: 7 }, new Set()).every((u) => u.dataset === 'bars' && u.symbols.length <= 7)).toBe(true);
  });
});
