import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { MINUTE_MS } from '../../domain/time.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { toColumns, type BarColumns } from './bar-columns.ts';
import { parseSharedDataCsv } from './fixtures/shared-data-bars.ts';
import { computeIndicators, INDICATOR_NAMES, indicatorsAt, type IndicatorValues } from './indicator-set.ts';
import { advanceIndicators, indicatorState, stateIndicators } from './indicator-state.ts';
import { sharedData, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

/** Every value that is not the same double (Object.is: NaN, −0 and the last bit count) as the whole-series one. */
function differences(got: IndicatorValues, want: IndicatorValues, at: number): string[] {
  const out: string[] = [];
  if (Object.keys(got).join() !== Object.keys(want).join()) out.push(`bar ${at}: key order ${Object.keys(got).join()}`);
  for (const name of INDICATOR_NAMES) if (!Object.is(got[name], want[name])) out.push(`bar ${at} ${name}: ${got[name]} vs ${want[name]}`);
  return out;
}

/** Advances one state over `bars` in steps of the given sizes (cycled), comparing with the whole series after each step. */
function compareStepping(bars: BarColumns, steps: readonly number[]): string[] {
  const whole = computeIndicators(bars);
  const state = indicatorState();
  const out: string[] = [];
  for (let k = 0; state.length < bars.length && out.length < 5; k++) {
    advanceIndicators(state, bars, Math.min(bars.length, state.length + steps[k % steps.length]!));
    out.push(...differences(stateIndicators(state, bars), indicatorsAt(whole, state.length - 1), state.length - 1));
  }
  return out;
}

const UNEVEN_STEPS = [1, 2, 3, 5, 8, 13, 1, 34, 1, 1, 89, 7];

/**
 * Minute bars over four New York dates with the edges the indicators guard: a flat stretch (no true range, no
 * change: RSI and DI at TA-Lib's zero), bars without volume at a day's start (no VWAP yet), sub-dollar prices
 * whose band variance is below TA-Lib's 1e-8, and a jump (large true range).
 */
function edgeCaseBars(): Bar[] {
  const bars: Bar[] = [];
  // The last run starts at 22:00 and crosses midnight on a bar (around the clock, as crypto pairs trade).
  for (const [d, open] of [newYorkTime('2026-10-05', '04:00'), newYorkTime('2026-10-06', '04:00'), newYorkTime('2026-10-06', '22:00')].entries()) {
    for (let i = 0; i < 400; i++) {
      const phase = Math.floor(i / 50);
      const wave = Math.sin(i * 0.37 + d) * (phase % 2 ? 0.8 : 0.05);
      const c = phase === 2 ? 10 : phase === 5 ? 0.01 + (i % 2) * 1e-6 : phase === 6 && i % 50 === 0 ? 25 : 10 + d + wave;
      const spread = phase === 2 ? 0 : 0.02 + Math.abs(wave) / 4;
      bars.push({ t: open + i * MINUTE_MS, o: c, h: c + spread, l: c - spread, c, v: i < 3 || phase === 3 ? 0 : 100 + ((i * 7919) % 900) });
    }
  }
  return bars;
}

describe('indicator state carried bar by bar', () => {
  it('equals_the_whole_series_computation_at_every_bar_on_edge_case_bars', () => {
    const bars = toColumns(edgeCaseBars());
    expect(compareStepping(bars, [1])).toEqual([]);
    expect(compareStepping(bars, UNEVEN_STEPS)).toEqual([]);
  });

  it('equals_the_whole_series_computation_on_series_shorter_than_every_warm_up', () => {
    const all = edgeCaseBars();
    for (let n = 1; n <= 40; n++) expect(compareStepping(toColumns(all.slice(0, n)), [1]), `${n} bars`).toEqual([]);
  });

  it('consuming_nothing_new_keeps_the_values', () => {
    const bars = toColumns(edgeCaseBars().slice(0, 100));
    const state = indicatorState();
    advanceIndicators(state, bars);
    const before = stateIndicators(state, bars);
    advanceIndicators(state, bars);
    advanceIndicators(state, bars, 50);
    expect(state.length).toBe(100);
    expect(differences(stateIndicators(state, bars), before, 99)).toEqual([]);
  });

  it('differs_from_the_whole_series_when_a_bar_it_consumed_was_revised', () => {
    // Why a keeper must check the bars it is given continue the consumed ones: the state cannot see a revision.
    const original = edgeCaseBars().slice(0, 200);
    const state = indicatorState();
    advanceIndicators(state, toColumns(original));
    const revised = original.map((b, i) => (i === 150 ? { ...b, c: b.c + 0.5, h: b.h + 0.5 } : b));
    revised.push({ ...revised[199]!, t: revised[199]!.t + MINUTE_MS });
    const columns = toColumns(revised);
    advanceIndicators(state, columns);
    expect(differences(stateIndicators(state, columns), indicatorsAt(computeIndicators(columns), 200), 200)).not.toEqual([]);
  });
});

const MINUTE_DIR = sharedData('bars', 'minute');

describe.skipIf(skipWithoutSharedData('bars', 'minute'))('indicator state on real minute bars', () => {
  it('equals_the_whole_series_computation_at_every_bar_of_every_shared_minute_file', () => {
    const files = readdirSync(MINUTE_DIR).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bars = toColumns(parseSharedDataCsv(readFileSync(`${MINUTE_DIR}/${file}`, 'utf8')));
      expect(compareStepping(bars, [1]), file).toEqual([]);
      expect(compareStepping(bars, UNEVEN_STEPS), file).toEqual([]);
    }
  });
});
