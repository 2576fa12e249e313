import { describe, expect, inject, it } from 'vitest';
import { faultFeed } from './support/fault-world.ts';
import { campaignOnFreshDb } from './support/fresh-db-campaign.ts';
import { CrashCampaign, distinctPoints, expectAllInvariants, inProcessVenue } from './support/crash-campaign.ts';

/**
 * Invariant 3 ("any function may be killed at any line and re-run"), in process: the order path is killed
 * at each of its steps over many seeded runs, and a fresh process recovers (see CrashCampaign). Raise the
 * count with CATALYST_FAULT_RUNS; replay other seeds with CATALYST_FAULT_SEED.
 */

const RUNS_PER_STEP = Number(process.env.CATALYST_FAULT_RUNS ?? 40);
const BASE_SEED = Number(process.env.CATALYST_FAULT_SEED ?? 6_000);

// Several concurrent connections with real transaction isolation: embedded Postgres (one session) cannot.
describe.skipIf(inject('databaseKind') === 'embedded')('order path killed at each step, then recovered (PostgreSQL, simulated broker in process)', () => {
  const campaign = campaignOnFreshDb((pool) => new CrashCampaign(pool, faultFeed(), inProcessVenue));

  it('recovers_from_a_kill_before_the_intent_is_written', async () => {
    const results = await campaign().run('before_intent_written', RUNS_PER_STEP, BASE_SEED);
    expectAllInvariants('in process, before_intent_written', results);
    // Killed before or inside the insert's transaction: nothing of the cycle was stored; the re-run sent it.
    for (const r of results) expect(r.atKill.intentsStored, `seed ${r.seed}`).toBe(0);
    expect(results.every((r) => r.rerunSent > 0)).toBe(true);
    expect(distinctPoints(results).size).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('recovers_from_a_kill_after_the_intent_is_written_and_before_it_is_sent', async () => {
    const results = await campaign().run('after_written_before_submit', RUNS_PER_STEP, BASE_SEED);
    expectAllInvariants('in process, after_written_before_submit', results);
    // At the kill an intent was stored that the broker had never seen.
    for (const r of results) expect(r.atKill.unsentStored, `seed ${r.seed} at ${r.killedAt}`).toBeGreaterThan(0);
    expect(distinctPoints(results).size).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('recovers_from_a_kill_after_the_submit_and_before_the_answer_is_recorded', async () => {
    const results = await campaign().run('after_submit_before_answer_recorded', RUNS_PER_STEP, BASE_SEED);
    expectAllInvariants('in process, after_submit_before_answer_recorded', results);
    // At the kill the broker held an order our intent did not record yet; the re-run sent none of them again.
    for (const r of results) expect(r.atKill.unrecordedAtBroker, `seed ${r.seed} at ${r.killedAt}`).toBeGreaterThan(0);
    expect(distinctPoints(results).size).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('recovers_from_a_kill_after_a_fill_and_before_the_position_is_updated', async () => {
    const results = await campaign().run('after_fill_before_position_updated', RUNS_PER_STEP, BASE_SEED);
    expectAllInvariants('in process, after_fill_before_position_updated', results);
    // At the kill the broker had fills our records did not hold yet.
    for (const r of results) expect(r.atKill.fillsMissing, `seed ${r.seed} at ${r.killedAt}`).toBeGreaterThan(0);
    // Kills landed inside reconcile's transaction too, statement by statement up to its commit.
    const inside = [...distinctPoints(results)].filter((p) => p.startsWith('sql:applySnapshot:'));
    expect(inside.length).toBeGreaterThanOrEqual(6);
    expect(inside).toContain('sql:applySnapshot:COMMIT');
  }, 120_000);
});
