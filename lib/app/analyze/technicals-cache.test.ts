import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { MINUTE_MS } from '../../domain/time.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { toColumns } from '../../strategy/indicators/bar-columns.ts';
import { boundedTechnicalsCache, cachedTechnicalsAtLast, type TechnicalsCache } from './technicals-cache.ts';
import { technicalsAtLast } from './technicals.ts';

/** The previous session's afternoon and this one's first hours, as technical/signals reads them (recent-bars.ts). */
function recentBars(): Bar[] {
  const bars: Bar[] = [];
  for (const [from, count] of [[newYorkTime('2026-10-05', '13:00'), 180], [newYorkTime('2026-10-06', '09:30'), 240]] as const) {
    for (let i = 0; i < count; i++) {
      const c = 20 + Math.sin(bars.length / 17) * 2 + Math.sin(bars.length / 3.1) * 0.3;
      bars.push({ t: from + i * MINUTE_MS, o: c - 0.05, h: c + 0.12, l: c - 0.1, c, v: 500 + ((bars.length * 7919) % 3000) });
    }
  }
  return bars;
}

/** The cached answer for bars[0..n), checked against the whole computation over the same bars. */
function expectUncachedAnswer(cache: TechnicalsCache, bars: readonly Bar[], symbol = 'AAA'): void {
  const columns = toColumns(bars);
  expect(cachedTechnicalsAtLast(cache, symbol, columns)).toEqual(technicalsAtLast(columns));
}

describe('cachedTechnicalsAtLast', () => {
  it('answers_every_scan_of_a_growing_window_as_the_whole_computation_carrying_one_state_on', () => {
    const bars = recentBars();
    const cache = boundedTechnicalsCache(10);
    let scans = 0;
    for (let n = 1; n <= bars.length; n += 1 + (n % 7)) {
      expectUncachedAnswer(cache, bars.slice(0, n));
      scans++;
    }
    expectUncachedAnswer(cache, bars);
    expect(cache.counts).toEqual({ carried: scans, fresh: 1 });
  });

  it('starts_afresh_when_a_bar_it_consumed_was_revised_instead_of_answering_from_a_stale_state', () => {
    const bars = recentBars();
    const cache = boundedTechnicalsCache(10);
    expectUncachedAnswer(cache, bars.slice(0, 300));
    // An earlier bar's volume corrected (late trades): OBV and VWAP at the last bar change with it.
    const revised = bars.map((b, i) => (i === 250 ? { ...b, v: b.v + 10_000 } : b)).slice(0, 301);
    expect(technicalsAtLast(toColumns(revised)).indicators.obv).not.toBe(technicalsAtLast(toColumns(bars.slice(0, 301))).indicators.obv);
    expectUncachedAnswer(cache, revised);
    // The newest bar updated in place (the same minute, a higher close), then the window moved to a new start.
    const updated = [...revised.slice(0, 300), { ...revised[300]!, c: revised[300]!.c + 1, h: revised[300]!.h + 1 }];
    expectUncachedAnswer(cache, updated);
    expectUncachedAnswer(cache, bars.slice(180));
    expect(cache.counts).toEqual({ carried: 0, fresh: 4 });
  });

  it('answers_a_shorter_window_and_another_symbol_afresh_and_keeps_at_most_capacity_symbols', () => {
    const bars = recentBars();
    const cache = boundedTechnicalsCache(2);
    expectUncachedAnswer(cache, bars.slice(0, 200), 'AAA');
    expectUncachedAnswer(cache, bars.slice(0, 100), 'AAA');
    expectUncachedAnswer(cache, bars.slice(0, 50), 'BBB');
    expectUncachedAnswer(cache, bars.slice(0, 60), 'CCC');
    expect([...cache.bySymbol.keys()]).toEqual(['BBB', 'CCC']);
    expectUncachedAnswer(cache, bars.slice(0, 70), 'CCC');
    expect(cache.counts).toEqual({ carried: 1, fresh: 4 });
  });
});
