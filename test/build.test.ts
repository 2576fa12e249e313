import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFunctions } from '../scripts/build.ts';
import { bundleBudgetKb, bundleProblems } from '../scripts/bundle-contents.ts';

describe('npm run build', () => {
  it('bundles_every_function_into_one_file_that_loads_alone_as_deployed', async () => {
    const built = await buildFunctions();
    expect(built.length).toBeGreaterThan(0);
    // Cold start grows with bundle size: 1 MB each (research/trial's raised, see bundle-contents.ts), except
    // news/collect, which also carries the sentiment model's weights (about 165 KB of source, names and base64;
    // `npm run bench -- bundles` measures its load time).
    const budget = (id: string) => (id === 'news/collect' ? 1.25 * 1024 : bundleBudgetKb(id)) * 1024;
    for (const b of built) {
      expect(b.bytes, `${b.id} bundle`).toBeLessThan(budget(b.id));
      // The deployer zips index.js alone: no package.json, no node_modules.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fn-'));
      copyFileSync(b.file, path.join(dir, 'index.js'));
      const type = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(path.join(dir, 'index.js'))}).main)`], {
        cwd: dir,
      }).toString();
      rmSync(dir, { recursive: true, force: true });
      expect(type, `${b.id} exports main`).toBe('function');
    }
    // Bundles carry only what they use: no read-only function carries a writer or a broker.
    expect(built.flatMap((b) => bundleProblems(b.id, b.modules))).toEqual([]);
    const summary = built.find((b) => b.id === 'reporting/summary')!;
    expect(summary.modules).toContain('lib/adapters/postgres/reporting.repo.ts');
    expect(summary.modules.filter((m) => /news\.repo|snapshot\.repo|trading-store|broker/.test(m) && !m.endsWith('sim-broker-config.ts'))).toEqual([]);
    // The backtest engine goes to research/trial alone.
    expect(built.find((b) => b.id === 'research/trial')!.modules).toContain('lib/compose/backtest/run-backtest.ts');
  }, 240_000);

  it('names_a_writer_or_broker_carried_by_a_read_only_function', () => {
    const modules = ['lib/app/reporting/views.ts', 'lib/adapters/postgres/news.repo.ts', 'lib/adapters/postgres/trading/snapshot.repo.ts', 'lib/adapters/alpaca/alpaca.broker.ts'];
    expect(bundleProblems('reporting/summary', modules)).toEqual([
      'reporting/summary is read-only but its bundle carries the news store (a writer): lib/adapters/postgres/news.repo.ts',
      'reporting/summary is read-only but its bundle carries a trading writer (reconcile, intents, audit, state): lib/adapters/postgres/trading/snapshot.repo.ts',
      'reporting/summary is read-only but its bundle carries a broker: lib/adapters/alpaca/alpaca.broker.ts',
    ]);
    expect(bundleProblems('trading/execute', modules)).toEqual([]);
    expect(bundleProblems('reporting/health', ['lib/adapters/alpaca/alpaca.broker.ts'])).toEqual([]);
  });

  it('names_the_backtest_engine_carried_by_any_function_but_research_trial', () => {
    const modules = ['lib/compose/backtest/run-backtest.ts', 'lib/adapters/sim/broker/sim-broker.ts', 'lib/adapters/sim/broker/sim-broker-config.ts', 'lib/adapters/memory/memory-lock.ts'];
    expect(bundleProblems('coordinator/tick', modules)).toEqual([
      'coordinator/tick carries the backtest engine, which only research/trial may: lib/compose/backtest/run-backtest.ts',
      'coordinator/tick carries the simulator, which only research/trial may: lib/adapters/sim/broker/sim-broker.ts',
      'coordinator/tick carries the in-memory stores, which only research/trial may: lib/adapters/memory/memory-lock.ts',
    ]);
    expect(bundleProblems('research/trial', modules)).toEqual([]);
  });
});
