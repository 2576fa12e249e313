import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/support/db.ts';
import { setupSimClock } from './sim-clock.ts';

describe('the simulated clock across restarts (real Postgres)', () => {
  let db: TestDb;
  /** Where the simulated clock starts (the first field of SIM_CLOCK, as the functions see it). */
  const startOf = (s: { env: Record<string, string> }) => Number(s.env.SIM_CLOCK!.split(',')[0]);
  // Speed 1 and the real now: the saves at setup move the clock by only the milliseconds the test takes.
  const options = { seed: 42, symbols: 50, speed: 1, get realNow() {
    return Date.now();
  } };
  const START = '2026-11-23T09:25:00-05:00';

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.drop());

  it('dates_the_initial_state_from_the_simulated_start_restarts_with_the_same_environment_and_never_rewinds_behind_the_last_cycle', async () => {
    const first = await setupSimClock(db.pool, { ...options, start: START });
    expect(startOf(first)).toBe(Date.parse(START));
    const { rows } = await db.pool.query(`SELECT changed_at FROM trading_state WHERE id = 1`);
    expect(rows[0].changed_at.getTime()).toBe(Date.parse(START));
    // The run went on for 7 simulated minutes of ticks, but was killed before its next save.
    const lastCycle = Date.parse(START) + 7 * 60_000 + 12;
    await db.pool.query(`INSERT INTO cycles (started_at, fence_token, mode, market_phase, status) VALUES ($1, 1, 'sim', 'open', 'ok')`, [new Date(lastCycle)]);
    const again = await setupSimClock(db.pool, { ...options, start: START });
    expect(startOf(again)).toBe(lastCycle + 1);
    expect(startOf(again) - Date.parse(START)).toBeLessThan(8 * 60_000);
    expect(again.description).toMatch(/^resumed at .*SIM_START .* is where a new simulation starts/);
    const noStart = await setupSimClock(db.pool, options);
    expect(startOf(noStart)).toBeGreaterThanOrEqual(lastCycle + 1);
  });

  it('refuses_another_seed_with_a_message_not_a_crash', async () => {
    await expect(setupSimClock(db.pool, { ...options, seed: 7 })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('SIM_SEED=42') });
  });
});
