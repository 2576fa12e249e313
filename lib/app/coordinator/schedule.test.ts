import { describe, expect, it } from 'vitest';
import { dueStages, DEFAULT_SCHEDULE, type Stage, type StageRun } from './schedule.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';

const day = '2026-11-23';
const today = calendarDay(day)!;
const at = (hhmm: string) => newYorkTime(day, hhmm);
const stages = (now: number, runs: Partial<Record<Stage, StageRun>> = {}, cfg = DEFAULT_SCHEDULE, cal = today) => dueStages(now, cal, day, runs, cfg).map((d) => d.stage);
const ran = (t: number, lastDay: string | null = day): StageRun => ({ lastRunAt: t, lastDay });

describe('dueStages', () => {
  it('reconciles_every_tick_and_collects_news_around_the_clock', () => {
    const saturday = Date.parse('2026-11-21T15:00:00Z');
    expect(dueStages(saturday, null, '2026-11-21', {}, DEFAULT_SCHEDULE).map((d) => d.stage)).toEqual(['reconcile', 'news']);
    expect(stages(at('03:00'), { news: ran(at('02:59')), refresh_universe: ran(at('02:00')) })).toEqual(['reconcile']);
  });

  it('refreshes_the_universe_once_per_trading_day_before_trading', () => {
    expect(stages(at('08:00'), { news: ran(at('08:00')) })).toEqual(['reconcile', 'refresh_universe']);
    expect(stages(at('08:01'), { news: ran(at('08:01')), refresh_universe: ran(at('08:00')) })).toEqual(['reconcile']);
  });

  it('scans_analyzes_and_executes_every_m_minutes_inside_the_trading_window_only', () => {
    const runs = { news: ran(at('09:40')), refresh_universe: ran(at('08:00')) };
    expect(stages(at('09:30'), runs)).toEqual(['reconcile', 'manage_exits']);
    expect(stages(at('09:31'), runs)).toEqual(['reconcile', 'scan', 'analyze', 'execute', 'manage_exits']);
    expect(stages(at('09:33'), { ...runs, scan: ran(at('09:31')) })).toEqual(['reconcile', 'manage_exits']);
    expect(stages(at('09:36'), { ...runs, scan: ran(at('09:31')) })).toContain('scan');
    expect(stages(at('15:46'), { ...runs, news: ran(at('15:46')) })).toEqual(['reconcile', 'manage_exits']);
  });

  it('keeps_the_five_minute_scan_grid_when_each_stage_starts_seconds_into_its_minute', () => {
    // npm start's clock runs 60x real time: a tick's scan starts tens of simulated seconds after its minute,
    // and the next tick fires a few hundred simulated milliseconds after its own.
    const runs = { news: ran(at('09:36') + 20_000), refresh_universe: ran(at('08:00')), scan: ran(at('09:31') + 40_000) };
    expect(stages(at('09:36') + 500, runs)).toContain('scan');
    expect(stages(at('09:35') + 59_000, runs)).not.toContain('scan');
    expect(stages(at('09:38') + 500, { ...runs, news: ran(at('09:36') + 59_000) })).toContain('news');
  });

  it('flattens_before_the_close_and_reports_once_after_it', () => {
    const runs = { news: ran(at('16:10')), refresh_universe: ran(at('08:00')), scan: ran(at('15:44')) };
    expect(stages(at('15:55'), runs)).toEqual(['reconcile', 'manage_exits', 'flatten']);
    expect(stages(at('16:01'), runs)).toEqual(['reconcile', 'daily_report']);
    expect(stages(at('16:02'), { ...runs, daily_report: ran(at('16:01')) })).toEqual(['reconcile']);
    expect(stages(at('15:55'), runs, { ...DEFAULT_SCHEDULE, flattenBeforeCloseMinutes: null })).not.toContain('flatten');
  });

  it('follows_an_early_close', () => {
    const friday = calendarDay('2026-11-27')!;
    const t = newYorkTime('2026-11-27', '12:56');
    expect(dueStages(t, friday, '2026-11-27', { news: ran(t, '2026-11-27'), refresh_universe: ran(t, '2026-11-27') }, DEFAULT_SCHEDULE).map((d) => d.stage)).toEqual([
      'reconcile',
      'manage_exits',
      'flatten',
    ]);
  });

  it('runs_the_crypto_cycle_around_the_clock_when_enabled', () => {
    const saturday = Date.parse('2026-11-21T15:00:00Z');
    const due = dueStages(saturday, null, '2026-11-21', { news: ran(saturday), refresh_universe: ran(saturday, '2026-11-21') }, { ...DEFAULT_SCHEDULE, cryptoEnabled: true }).map((d) => d.stage);
    expect(due).toEqual(['reconcile', 'manage_exits', 'crypto']);
  });

  it('checks_exits_every_tick_outside_the_session_only_when_crypto_is_on', () => {
    const evening = at('20:00');
    const runs = { news: ran(evening), refresh_universe: ran(evening), daily_report: ran(evening), crypto: ran(evening) };
    expect(stages(evening, runs)).toEqual(['reconcile']);
    expect(stages(evening, runs, { ...DEFAULT_SCHEDULE, cryptoEnabled: true })).toEqual(['reconcile', 'manage_exits']);
  });

  it('refreshes_daily_statistics_once_on_a_weekend_day_only_when_crypto_is_on', () => {
    const saturday = Date.parse('2026-11-21T15:00:00Z');
    const friday = { news: ran(saturday), refresh_universe: ran(saturday - 86_400_000, '2026-11-20'), crypto: ran(saturday) };
    expect(dueStages(saturday, null, '2026-11-21', friday, { ...DEFAULT_SCHEDULE, cryptoEnabled: true }).map((d) => d.stage)).toEqual(['reconcile', 'refresh_universe', 'manage_exits']);
    expect(dueStages(saturday, null, '2026-11-21', friday, DEFAULT_SCHEDULE).map((d) => d.stage)).toEqual(['reconcile']);
  });

  it('gives_each_reason_with_the_schedules_own_numbers_even_when_the_schedule_changes_in_place', () => {
    const cfg = { ...DEFAULT_SCHEDULE, cryptoEnabled: true };
    const whys = (now: number) => dueStages(now, today, day, {}, cfg).map((d) => `${d.stage}: ${d.why}`);
    expect(whys(at('15:56'))).toEqual([
      'reconcile: every tick: the broker is the truth',
      'refresh_universe: first tick of 2026-11-23: refresh assets and daily statistics',
      'news: every 2 min around the clock',
      'manage_exits: every tick in the session',
      'flatten: 5 min before the close',
      'crypto: every 15 min around the clock',
    ]);
    Object.assign(cfg, { newsEveryMinutes: 3, flattenBeforeCloseMinutes: 4, cryptoEveryMinutes: 10, noEntryBeforeCloseMinutes: 0 });
    expect(whys(at('15:57'))).toEqual([
      'reconcile: every tick: the broker is the truth',
      'refresh_universe: first tick of 2026-11-23: refresh assets and daily statistics',
      'news: every 3 min around the clock',
      'scan: every 5 min in the trading window',
      'analyze: after the scan',
      'execute: after the analysis',
      'manage_exits: every tick in the session',
      'flatten: 4 min before the close',
      'crypto: every 10 min around the clock',
    ]);
    expect(whys(at('17:00'))).toContain('manage_exits: every tick outside the session: the crypto pairs');
  });
});
