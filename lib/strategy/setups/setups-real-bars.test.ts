import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { parseSharedDataCsv } from '../indicators/fixtures/shared-data-bars.ts';
import { detectSetups } from './detect-setups.ts';
import { detectGapAndGo } from './gap-and-go.ts';
import { setupInput } from './setup-hit.ts';
import { sharedData, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

// Real one-minute bars from ../shared/data/bars/minute (lumibot sample data, New York times with offsets).
const MINUTE = sharedData('bars', 'minute');
const load = (file: string) => setupInput(parseSharedDataCsv(readFileSync(path.join(MINUTE, file), 'utf8')));
const missing = skipWithoutSharedData('bars', 'minute');
// Read only when present (skipped suites still evaluate this module).
const [aapl, srne, tsla] = (missing ? [] : [load('AAPL_Minute.csv'), load('SRNE_Minute.csv'), load('TSLA_Minute.csv')]) as [L, L, L];
type L = ReturnType<typeof load>;

describe.skipIf(missing)('setups on real minute bars', () => {
  it('splits_the_bars_into_trading_days_and_sessions', () => {
    expect(aapl.days.map((d) => d.date)).toEqual(['2021-08-23', '2021-08-24', '2021-08-25']);
    for (const d of aapl.days) {
      expect(d.premarket.to - d.premarket.from).toBe(0);
      expect(aapl.bars.t[d.regular.from]).toBe(newYorkTime(d.date, '09:30'));
    }
    // 2021-07-05 was a holiday (Independence Day observed): no trading day.
    expect(srne.days.map((d) => d.date)).not.toContain('2021-07-05');
  });

  it('finds_the_aapl_opening_range_breakout_of_2021_08_23', () => {
    // 09:30–09:44 range high 148.75 (09:31); no close above it until 10:02 (148.785).
    const orb = detectSetups(aapl).filter((h) => h.setup === 'opening-range-breakout' && h.direction === 'long');
    expect(orb[0]).toMatchObject({ t: newYorkTime('2021-08-23', '10:02'), levels: { rangeHigh: 148.75 } });
    expect(orb[0]!.levels.close).toBeCloseTo(148.785, 3);
  });

  it('finds_the_srne_bull_flag_of_2021_08_12', () => {
    // Pole 09:39–09:48 (8.975 → 9.215, +2.7 %, mean volume 826 vs 530 before), flag 09:49–09:50 on ~100 shares,
    // breakout 09:51 closing 9.26 above the flag's 9.21 on 309 shares.
    const flag = detectSetups(srne).find((h) => h.setup === 'bull-flag' && h.t === newYorkTime('2021-08-12', '09:51'));
    expect(flag?.parts.map((p) => [p.role, p.fromT, p.toT])).toEqual([
      ['pole', newYorkTime('2021-08-12', '09:39'), newYorkTime('2021-08-12', '09:48')],
      ['flag', newYorkTime('2021-08-12', '09:49'), newYorkTime('2021-08-12', '09:50')],
      ['breakout', newYorkTime('2021-08-12', '09:51'), newYorkTime('2021-08-12', '09:51')],
    ]);
    expect(flag?.levels).toMatchObject({ poleLow: 8.975, poleHigh: 9.215, flagHigh: 9.21, close: 9.26 });
  });

  it('finds_a_tsla_vwap_reclaim_after_ten_minutes_below', () => {
    const reclaim = detectSetups(tsla).find((h) => h.setup === 'vwap-reclaim' && h.t === newYorkTime('2021-08-24', '09:41'));
    expect(reclaim?.parts[0]).toMatchObject({ role: 'below-vwap', fromT: newYorkTime('2021-08-24', '09:31'), toT: newYorkTime('2021-08-24', '09:40') });
    expect(reclaim!.levels.close).toBeGreaterThan(reclaim!.levels.vwap!);
  });

  it('breaks_the_srne_premarket_high_late_which_is_no_gap_and_go', () => {
    // 2021-08-02: one pre-market print at 09:18 (high 8.45, 100 shares), open 8.35 after an 8.205 close (+1.8 %).
    const day = '2021-08-02';
    const breaks = detectSetups(srne).filter((h) => h.setup === 'premarket-high-break' && h.t >= newYorkTime(day, '04:00') && h.t < newYorkTime(day, '20:00'));
    expect(breaks.map((h) => [h.t, h.levels.premarketHigh])).toEqual([[newYorkTime(day, '12:39'), 8.45]]);
    const loose = { minGapPercent: 1.5, minPremarketVolume: 100, entryWindowMinutes: 15 };
    expect(detectGapAndGo(srne, loose).filter((h) => h.t >= newYorkTime(day, '04:00') && h.t < newYorkTime(day, '20:00'))).toEqual([]);
    // With the defaults (gap ≥ 4 %, ≥ 100k shares pre-market) SRNE never qualifies in these six weeks.
    expect(detectGapAndGo(srne)).toEqual([]);
  });
});
