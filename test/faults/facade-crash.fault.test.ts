import { describe, expect, inject, it } from 'vitest';
import { faultFeed } from './support/fault-world.ts';
import { campaignOnFreshDb } from './support/fresh-db-campaign.ts';
import { CrashCampaign, distinctPoints, expectAllInvariants, facadeVenue, type Step } from './support/crash-campaign.ts';

/**
 * The same kill-and-recover campaign through the Alpaca-compatible facade: each process builds the
 * production AlpacaClient and AlpacaBroker, which talk HTTP to the facade on 127.0.0.1 over a simulated
 * broker; kill points also sit on the wire (just before a request leaves, just after its answer arrived).
 */

const RUNS_PER_STEP = Number(process.env.CATALYST_FAULT_FACADE_RUNS ?? 10);
const BASE_SEED = Number(process.env.CATALYST_FAULT_SEED ?? 6_000) + 500;

// Several concurrent connections with real transaction isolation: embedded Postgres (one session) cannot.
describe.skipIf(inject('databaseKind') === 'embedded')('order path killed at each step through the Alpaca facade (production adapter over HTTP)', () => {
  const campaign = campaignOnFreshDb((pool) => new CrashCampaign(pool, faultFeed(), facadeVenue));

  const steps: Step[] = ['before_intent_written', 'after_written_before_submit', 'after_submit_before_answer_recorded', 'after_fill_before_position_updated'];

  it('keeps_one_order_per_intent_and_every_fill_when_killed_at_each_step_over_http', async () => {
    const all = [];
    for (const step of steps) {
      const results = await campaign().run(step, RUNS_PER_STEP, BASE_SEED);
      expectAllInvariants(`through the facade, ${step}`, results);
      all.push(...results);
    }
    // Kills landed on the wire too: after an order's POST was answered but before the answer was recorded.
    const points = distinctPoints(all);
    expect([...points].some((p) => p.startsWith('http.'))).toBe(true);
    expect(all.filter((r) => r.killedAt.endsWith('http.submit:answered')).every((r) => r.atKill.unrecordedAtBroker > 0)).toBe(true);
    expect(all.filter((r) => r.killedAt.includes('reconcile') && !r.killedAt.includes('applySnapshot:after')).every((r) => r.atKill.fillsMissing > 0)).toBe(true);
  }, 120_000);
});
