import { describe, expect, inject, it } from 'vitest';
import { faultFeed } from './support/fault-world.ts';
import { campaignOnFreshDb } from './support/fresh-db-campaign.ts';
import { ExitCampaign, type ExitRunResult, type ExitStep } from './support/exit-campaign.ts';

/**
 * Invariant 7 under kills (issue 13): the exit and flatten paths are killed at each of their steps over
 * many seeded runs, on a simulated broker that cancels asynchronously and whose calls take simulated time
 * (legs fill during the cancels); new processes run the next ticks. Raise the count with
 * CATALYST_FAULT_RUNS; replay other seeds with CATALYST_FAULT_SEED.
 */
const RUNS_PER_STEP = Number(process.env.CATALYST_FAULT_RUNS ?? 20);
const BASE_SEED = Number(process.env.CATALYST_FAULT_SEED ?? 13_000);

function expectClean(step: ExitStep, results: readonly ExitRunResult[]): void {
  const sum = (f: (r: ExitRunResult) => number) => results.reduce((s, r) => s + f(r), 0);
  console.info(
    `[faults] exit path, ${step}: ${results.length} runs, ${new Set(results.map((r) => r.killedAt)).size} distinct kill points; ` +
      `flips ${sum((r) => r.flips)}, duplicates ${sum((r) => r.duplicates)}, lost fills ${sum((r) => r.lostFills)}, unprotected ${sum((r) => r.unprotected)}; ` +
      `exit fills ${sum((r) => r.exitFills)}, leg fills after the exit began ${sum((r) => r.legFillsDuringCancel)}`,
  );
  const broken = results.filter((r) => r.violations.length).map((r) => `seed ${r.seed}, killed at ${r.killedAt}:\n  ${r.violations.join('\n  ')}`);
  expect(broken, broken.slice(0, 5).join('\n')).toEqual([]);
  expect(sum((r) => r.exitFills)).toBeGreaterThan(0);
}

describe.skipIf(inject('databaseKind') === 'embedded')('exit and flatten paths killed at each step, then the next ticks (PostgreSQL, simulated broker with asynchronous cancels)', () => {
  const campaign = campaignOnFreshDb((pool) => new ExitCampaign(pool, faultFeed()));

  for (const step of ['after_the_cancels', 'between_cancel_and_exit', 'after_the_exit_is_sent'] as const) {
    it(`never_flips_doubles_loses_or_leaves_bare_when_killed_${step}`, async () => {
      expectClean(step, await campaign().run(step, RUNS_PER_STEP, BASE_SEED));
    }, 600_000);
  }
});
