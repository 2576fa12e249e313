import { describe, expect, it } from 'vitest';
import { chunkDayBar, RunningDayBars } from './chunk-day-bars.ts';
import { packChunk } from './session-chunk.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { Bar } from '../../domain/market.ts';

const MINUTE = 60_000;
const from = newYorkTime('2026-10-05', '00:00');
const to = newYorkTime('2026-10-07', '00:00');

/** Minute bars from 04:00 to 20:00 New York on two sessions, some minutes missing, one symbol without trade counts. */
function minuteBars(seed: number, withTrades: boolean): Bar[] {
  const out: Bar[] = [];
  for (const date of ['2026-10-05', '2026-10-06']) {
    for (let t = newYorkTime(date, '04:00'); t < newYorkTime(date, '20:00'); t += MINUTE) {
      const k = (t / MINUTE + seed) % 97;
      if (k % 7 === 0) continue;
      const c = 100 + Math.sin(k) * 3 + seed;
      const bar: Bar = { t, o: c - 0.1, h: c + 0.5, l: c - 0.6, c, v: 100 + k };
      if (k % 3 !== 0) bar.vw = c + 0.01;
      if (withTrades) bar.n = 5 + (k % 4);
      out.push(bar);
    }
  }
  return out;
}

describe('RunningDayBars', () => {
  it('answers_the_day_in_progress_as_a_fresh_merge_would_at_every_minute_and_when_time_steps_back', () => {
    const chunk = packChunk({ from, to, newsFrom: from, bars: [minuteBars(1, true), minuteBars(2, false)], news: [], endOf: (_s, t) => t + MINUTE });
    const running = new RunningDayBars();
    const untils: number[] = [];
    for (const date of ['2026-10-05', '2026-10-06']) for (let t = newYorkTime(date, '09:00'); t <= newYorkTime(date, '16:30'); t += 7 * MINUTE) untils.push(t);
    untils.push(newYorkTime('2026-10-06', '10:00'), newYorkTime('2026-10-06', '15:59'), newYorkTime('2026-10-05', '12:00'));
    let compared = 0;
    // Each day is asked about minute after minute (the running case), then about after a step back in time.
    for (const date of ['2026-10-05', '2026-10-06']) {
      for (const until of untils) {
        for (const s of [0, 1]) {
          const expected = chunkDayBar(chunk, s, date, until, false);
          expect(running.at(chunk, s, date, until, false), `${s} ${date} ${new Date(until).toISOString()}`).toEqual(expected);
          if (expected) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    running.clear();
    expect(running.at(chunk, 0, '2026-10-05', newYorkTime('2026-10-05', '16:00'), false)).toEqual(chunkDayBar(chunk, 0, '2026-10-05', newYorkTime('2026-10-05', '16:00'), false));
  });
});
