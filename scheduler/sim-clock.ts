import type pg from 'pg';
import { AppError } from '../lib/shared/errors.ts';
import { addDays, newYorkDate, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarDay, nextTradingDay } from '../lib/domain/calendar/nyse-calendar.ts';
import { createScaledClock, type ScaledClock } from '../lib/adapters/clock/scaled-clock.ts';

export interface SimClockSetup {
  clock: ScaledClock;
  marketStart: string;
  /** Environment for the functions of this process (SIM_CLOCK, SIM_MARKET_START). */
  env: Record<string, string>;
  description: string;
  /** Saves the current simulated time (call periodically and on exit). */
  save(): Promise<void>;
}

/** Days of synthetic history before the simulated start (daily statistics need twenty sessions). */
export const HISTORY_DAYS = 60;

/** 09:20 New York of today when its session has not closed yet, else of the next trading day. */
export function defaultSimStart(realNow: number): number {
  const date = newYorkDate(realNow);
  const today = calendarDay(date);
  const day = today && realNow < today.close ? today : nextTradingDay(date);
  return newYorkTime(day.date, '09:20');
}

/** The seed and universe size of the simulation stored in this database, or null when none was started. */
export async function storedSimulation(pool: pg.Pool): Promise<{ seed: number; symbols: number } | null> {
  const { rows } = await pool.query<{ seed: number; symbols: number }>(`SELECT seed, symbols FROM sim_clock WHERE id = 1`);
  return rows[0] ? { seed: rows[0].seed, symbols: rows[0].symbols } : null;
}

/**
 * Sets up the simulated clock of `npm start`: resumes where the last run stopped (kept in Postgres), or
 * starts at SIM_START / the next session's 09:20 New York; never before the last cycle that ran. Refuses a seed or universe size different from
 * the stored market's, since the stored account and orders belong to that market.
 */
export async function setupSimClock(pool: pg.Pool, options: { seed: number; symbols: number; speed: number; start?: string; realNow: number; wallClock?: () => number }): Promise<SimClockSetup> {
  const { rows } = await pool.query<{ seed: number; symbols: number; market_start: string; sim_time: Date }>(`SELECT seed, symbols, market_start::text, sim_time FROM sim_clock WHERE id = 1`);
  const stored = rows[0];
  if (stored && (stored.seed !== options.seed || stored.symbols !== options.symbols)) {
    throw new AppError(
      'CONFIG_INVALID',
      `The stored simulation used SIM_SEED=${stored.seed} and SIM_SYMBOLS=${stored.symbols}; this run asks for ${options.seed} and ${options.symbols}. ` +
        'Set them back, or delete the local data folder (LOCAL_DATA_DIR, default .data) to start a new simulation.',
    );
  }
  // The clock is saved every few seconds of real time; the cycles say how far the last run really got.
  const { rows: last } = await pool.query<{ at: Date | null }>(`SELECT max(started_at) AS at FROM cycles`);
  const reached = stored ? Math.max(stored.sim_time.getTime(), (last[0]?.at?.getTime() ?? 0) + 1) : undefined;
  const requested = options.start ? Date.parse(options.start) : undefined;
  // SIM_START is where a new simulation starts: with a stored one further on, it resumes (the same
  // environment restarts), since its account and orders are from later; a later SIM_START jumps ahead.
  const ignored = reached !== undefined && requested !== undefined && requested < reached;
  const simStart = reached !== undefined && (requested === undefined || ignored) ? reached : (requested ?? defaultSimStart(options.realNow));
  const marketStart = stored?.market_start ?? addDays(newYorkDate(simStart), -HISTORY_DAYS);
  if (newYorkDate(simStart) < marketStart) throw new AppError('CONFIG_INVALID', `SIM_START ${options.start} is before the stored market's first day ${marketStart}; delete the local data folder to start over`);
  const clock = createScaledClock(simStart, options.speed, options.realNow, options.wallClock);
  const save = async () => {
    await pool.query(
      `INSERT INTO sim_clock (id, seed, symbols, market_start, sim_time, updated_at) VALUES (1, $1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET sim_time = GREATEST(sim_clock.sim_time, EXCLUDED.sim_time), updated_at = now()`,
      [options.seed, options.symbols, marketStart, new Date(clock.now()).toISOString()],
    );
  };
  await save();
  if (!stored) {
    // A new simulation: its initial trading state dates from the simulated start, not from when the
    // database was created on the wall clock (the dashboard's "Since").
    await pool.query(`UPDATE trading_state SET changed_at = $1 WHERE id = 1 AND changed_by = 'system' AND reason = 'initial state'`, [new Date(simStart)]);
  }
  return {
    clock,
    marketStart,
    env: { SIM_CLOCK: `${simStart},${options.realNow},${options.speed}`, SIM_MARKET_START: marketStart },
    description:
      `${simStart === reached ? 'resumed' : 'starts'} at ${new Date(simStart).toISOString()} (New York ${newYorkDate(simStart)}), ${options.speed}x real time; market history from ${marketStart}` +
      (ignored ? ` (SIM_START ${options.start} is where a new simulation starts; delete the local data folder, LOCAL_DATA_DIR, to start over there)` : ''),
    save,
  };
}
