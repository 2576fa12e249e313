import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newYorkParts, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { isAppError } from '../../shared/errors.ts';
import { parseBarCsv, symbolFromFileName } from './bar-csv.import.ts';
import { HAS_SHARED_DATA, sharedFile } from './shared-data.test-support.ts';

const read = (relative: string) => readFileSync(sharedFile(relative), 'utf8');

describe.skipIf(!HAS_SHARED_DATA)('parseBarCsv on ../shared/data/bars', () => {
  it('imports_daily_bars_with_the_adjusted_close_stamped_at_new_york_midnight', () => {
    const { bars, skipped } = parseBarCsv(read('bars/daily/AAPL.csv'), { file: 'bars/daily/AAPL.csv' });
    expect(skipped).toEqual([]);
    expect(bars).toHaveLength(1258);
    expect(bars[0]).toEqual({
      symbol: 'AAPL',
      timeframe: '1Day',
      bar: { t: newYorkTime('2012-09-04', '00:00'), o: 95.108574, h: 96.44857, l: 94.928574, c: 96.424286, v: 91973000 },
      adjClose: 87.12114,
    });
    expect(bars.at(-1)!.bar.t).toBe(newYorkTime('2017-09-01', '00:00'));
  });

  it('imports_minute_bars_under_either_header_from_their_timestamps', () => {
    const aapl = parseBarCsv(read('bars/minute/AAPL_Minute.csv'), { file: 'AAPL_Minute.csv' });
    expect(aapl.bars).toHaveLength(1167);
    expect(aapl.bars[0]).toMatchObject({ symbol: 'AAPL', timeframe: '1Min', bar: { t: Date.parse('2021-08-23T13:30:00Z'), o: 148.5, v: 1930193 } });
    // SPY mixes extended hours and gaps: the timeframe comes from the spacing, not from 390 bars a day.
    const spy = parseBarCsv(read('bars/minute/SPY_Minute_2021.csv'), { file: 'SPY_Minute_2021.csv' });
    expect(spy.bars[0]!.symbol).toBe('SPY');
    expect(spy.bars.every((b) => b.timeframe === '1Min' && b.bar.t % 60_000 === 0)).toBe(true);
    const perDay = new Map<string, number>();
    for (const b of spy.bars) perDay.set(newYorkParts(b.bar.t).date, (perDay.get(newYorkParts(b.bar.t).date) ?? 0) + 1);
    expect(new Set(perDay.values()).size).toBeGreaterThan(1);
    expect(spy.bars.some((b) => newYorkParts(b.bar.t).hour >= 16)).toBe(true);
    expect(spy.bars.every((b, i) => i === 0 || b.bar.t > spy.bars[i - 1]!.bar.t)).toBe(true);
  });

  it('imports_crypto_pairs_with_their_bar_spacing', () => {
    const eth = parseBarCsv(read('bars/crypto/ETH_BTC-5m.csv'), { file: 'ETH_BTC-5m.csv' });
    expect(eth.bars).toHaveLength(5760);
    expect(eth.bars[0]).toMatchObject({ symbol: 'ETH/BTC', timeframe: '5Min', bar: { t: Date.parse('2018-01-10T04:55:00Z'), o: 0.0984 } });
    const xrp = parseBarCsv(read('bars/crypto/XRP_ETH-1m.csv'), { file: 'XRP_ETH-1m.csv' });
    expect(xrp.bars[0]).toMatchObject({ symbol: 'XRP/ETH', timeframe: '1Min' });
  });

  it('rejects_a_bad_row_naming_file_line_and_field_unless_lenient', () => {
    const text = read('bars/daily/PTR.csv');
    let error: unknown;
    try {
      parseBarCsv(text, { file: 'bars/daily/PTR.csv' });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('DATA_INVALID');
    expect((error as Error).message).toBe('bars/daily/PTR.csv:962: Open: expected a number');
    const lenient = parseBarCsv(text, { file: 'bars/daily/PTR.csv', lenient: true });
    expect(lenient.skipped).toEqual([{ file: 'bars/daily/PTR.csv', line: 962, reason: 'Open: expected a number' }]);
    expect(lenient.bars).toHaveLength(1257);
  });
});

describe('parseBarCsv', () => {
  it('rejects_contradictory_rows_and_local_times_without_offset', () => {
    const header = 'time,open,high,low,close,volume\n';
    expect(() => parseBarCsv(`${header}2021-08-23 09:30:00-04:00,10,9,8,9.5,100\n`, { file: 'x.csv' })).toThrow('x.csv:2: high: is below the open, close or low');
    expect(() => parseBarCsv(`${header}2021-08-23 09:30:00,10,11,9,10,100\n`, { file: 'x.csv' })).toThrow('x.csv:2: time: expected a date (YYYY-MM-DD) or a date-time with its UTC offset');
    const repeated = parseBarCsv(`${header}2021-08-23 09:30:00-04:00,10,11,9,10,100\n2021-08-23 09:30:00-04:00,10,11,9,10,100\n`, { file: 'x.csv', timeframe: '1Min' });
    expect(repeated.bars).toHaveLength(1);
    expect(repeated.skipped).toEqual([{ file: 'x.csv', line: 3, reason: 'repeat of line 2' }]);
  });

  it('takes_the_symbol_from_the_file_name', () => {
    expect(symbolFromFileName('data/SPY_Minute_2021.csv')).toBe('SPY');
    expect(symbolFromFileName('BRK-A.csv')).toBe('BRK.A');
    expect(symbolFromFileName('LTC_BTC-5m.csv')).toBe('LTC/BTC');
  });
});

describe('bar files a person got wrong', () => {
  const header = 'time,open,high,low,close,volume';
  const parse = (rows: string[], file = 'AAPL_Minute.csv') => parseBarCsv([header, ...rows].join('\n'), { file, lenient: true, timeframe: '1Min' });

  it('refuses_a_file_name_that_is_no_symbol', () => {
    expect(() => parseBarCsv(`${header}\n2021-08-23 09:30:00-04:00,1,1,1,1,1`, { file: 'WEIRD A;B.csv', lenient: true })).toThrow(/WEIRD A;B\.csv: the file name gives no valid symbol/);
    expect(symbolFromFileName('BRK-A.csv')).toBe('BRK.A');
  });

  it('refuses_impossible_dates_and_absurd_prices_with_the_line_and_the_reason', () => {
    const { skipped, bars } = parse([
      '2021-02-30 09:30:00-05:00,1,1,1,1,1',
      '1900-01-02 09:30:00-05:00,1,1,1,1,1',
      '2099-01-02 09:30:00-05:00,1,1,1,1,1',
      '2021-02-26 25:30:00-05:00,1,1,1,1,1',
      '2021-02-26 09:30:00-05:00,1,9e12,1,1,1',
      '2021-02-26 09:31:00-05:00,1,1,1,1,1',
    ]);
    expect(bars).toHaveLength(1);
    expect(skipped.map((s) => `${s.line} ${s.reason}`)).toEqual([
      expect.stringMatching(/^2 .*2021-02-30 is not a calendar date/),
      expect.stringMatching(/^3 .*1900-01-02 is before 1970/),
      expect.stringMatching(/^4 .*2099-01-02 is in the future/),
      expect.stringMatching(/^5 .*25:30:00 is not a time of day/),
      expect.stringMatching(/^6 .*at most 1,000,000/),
    ]);
  });
});
