import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { toColumns, type BarColumns } from '../indicators/bar-columns.ts';
import { parseSharedDataCsv } from '../indicators/fixtures/shared-data-bars.ts';
import { detectSetups } from './detect-setups.ts';
import { recentSetupInput } from './recent-setup-input.ts';
import { setupInput, type SetupHit } from './setup-hit.ts';
import { sharedData, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

const MINUTE = sharedData('bars', 'minute');
const missing = skipWithoutSharedData('bars', 'minute');
const load = (file: string, count: number) => toColumns(parseSharedDataCsv(readFileSync(path.join(MINUTE, file), 'utf8')).slice(0, count));

/** Every `since` at a bar's start, half a minute before it, and past the last bar where the bounded run differs from the whole run. */
function startsThatDiffer(bars: BarColumns, aroundTheClock = false): { differ: number[]; whole: SetupHit[] } {
  const whole = detectSetups(setupInput(bars, undefined, aroundTheClock));
  const differ: number[] = [];
  const sinces = [...Array.from(bars.t).flatMap((t) => [t - 30_000, t]), bars.t[bars.length - 1]! + 60_000];
  for (const since of sinces) {
    const bounded = detectSetups(recentSetupInput(bars, since, aroundTheClock)).filter((h) => h.t >= since);
    if (!isDeepStrictEqual(bounded, whole.filter((h) => h.t >= since))) differ.push(since);
  }
  return { differ, whole };
}

/** A quiet session on the 23rd, then on the 24th a 6 % gap on pre-market volume broken at 09:31 (a gap-and-go). */
function gapAfterQuietDay(): BarColumns {
  const quiet = Array.from({ length: 30 }, (_, i): Bar => ({ t: newYorkTime('2021-08-23', '15:30') + i * 60_000, o: 10, h: 10.05, l: 9.95, c: 10, v: 50_000 }));
  const premarket: Bar[] = [
    { t: newYorkTime('2021-08-24', '07:00'), o: 10.5, h: 10.8, l: 10.4, c: 10.7, v: 80_000 },
    { t: newYorkTime('2021-08-24', '08:00'), o: 10.7, h: 10.75, l: 10.5, c: 10.6, v: 70_000 },
  ];
  const open = [
    [10.6, 10.75, 10.55, 10.7],
    [10.7, 10.95, 10.68, 10.9],
    [10.9, 11, 10.85, 10.95],
  ].map(([o, h, l, c], i): Bar => ({ t: newYorkTime('2021-08-24', '09:30') + i * 60_000, o: o!, h: h!, l: l!, c: c!, v: 20_000 }));
  return toColumns([...quiet, ...premarket, ...open]);
}

describe('setups bounded to the days of a recent window', () => {
  it('finds_a_gap_and_go_from_the_previous_sessions_close_whatever_the_start', () => {
    const { differ, whole } = startsThatDiffer(gapAfterQuietDay());
    expect(whole.map((h) => h.setup)).toContain('gap-and-go');
    expect(differ).toEqual([]);
  });

  it('keeps_only_the_days_from_the_one_holding_the_window', () => {
    const bars = gapAfterQuietDay();
    const input = recentSetupInput(bars, newYorkTime('2021-08-24', '09:31'));
    expect(input.days.map((d) => d.date)).toEqual(['2021-08-24']);
    expect(input.previousDay?.date).toBe('2021-08-23');
    expect(Number.isNaN(input.vwap[0]!)).toBe(true);
  });

  it.skipIf(missing)('finds_exactly_the_whole_runs_hits_from_every_start_on_real_minute_bars', () => {
    for (const [file, count] of [['AAPL_Minute.csv', 1_200], ['SRNE_Minute.csv', 1_500]] as const) {
      const { differ, whole } = startsThatDiffer(load(file, count));
      expect(new Set(whole.map((h) => h.setup)).size, file).toBeGreaterThanOrEqual(3);
      expect(differ, file).toEqual([]);
    }
  });

  it.skipIf(missing)('finds_exactly_the_whole_runs_hits_from_every_start_in_new_york_days', () => {
    const { differ, whole } = startsThatDiffer(load('AAPL_Minute.csv', 1_200), true);
    expect(whole.length).toBeGreaterThan(0);
    expect(differ).toEqual([]);
  });
});
