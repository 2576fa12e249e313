import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { createTestRedis } from '../../../test/support/redis.ts';
import { PgCycleStore } from '../../adapters/postgres/cycles.repo.ts';
import { RedisLock } from '../../adapters/redis/redis-lock.ts';
import { PgFenceTokens } from '../../adapters/postgres/fence.ts';
import { RedisLiveSummary } from '../../adapters/redis/redis-live-summary.ts';
import { RedisRateLimiter } from '../../adapters/redis/redis-rate-limiter.ts';
import type { Lock, LockLease } from '../../ports/lock.port.ts';
import { BrokerCalendar } from './broker-calendar.ts';
import { LeaseKeepers } from './lease-keeper.ts';
import { createLogger } from '../../platform/logger.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { runTick, type TickConfig, type TickDeps } from './run-tick.ts';
import { DEFAULT_SCHEDULE, type Stage } from './schedule.ts';
import type { StageFn } from './stages.ts';
import type { Notification } from '../../ports/notifier.port.ts';
import { AppError } from '../../shared/errors.ts';

const config: TickConfig = { mode: 'sim', schedule: DEFAULT_SCHEDULE, deadManMinutes: 10, deadManFlatten: true, reserveMs: 200 };

describe('runTick (real Postgres and Redis, fake stages)', () => {
  let db: TestDb;
  const { redis, prefix } = createTestRedis();
  let now = newYorkTime('2026-11-23', '10:00');
  const notes: Notification[] = [];
  const ran: Stage[] = [];
  const stage = (name: Stage, fn?: StageFn): StageFn => async (ctx) => {
    ran.push(name);
    return fn ? fn(ctx) : { done: 1 };
  };
  const deps = (stages: Partial<Record<Stage, StageFn>>): TickDeps => ({
    lock: new RedisLock(redis, prefix, new PgFenceTokens(db.pool)),
    cycles: new PgCycleStore(db.pool),
    clock: { now: () => now },
    notifier: { notify: async (n) => void notes.push(n) },
    summary: new RedisLiveSummary(redis, prefix),
    log: createLogger({ sink: () => undefined }),
    leases: new LeaseKeepers(createLogger({ sink: () => undefined })),
    stages,
  });
  const all = (over: Partial<Record<Stage, StageFn>> = {}): Partial<Record<Stage, StageFn>> => ({
    reconcile: stage('reconcile', async (ctx) => ((ctx.bag.openPositions = 1), { openPositions: 1 })),
    refresh_universe: stage('refresh_universe'),
    news: stage('news'),
    scan: stage('scan'),
    analyze: stage('analyze'),
    execute: stage('execute'),
    manage_exits: stage('manage_exits'),
    flatten: stage('flatten'),
    ...over,
  });
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.drop());

  it('runs_what_is_due_in_order_and_records_the_cycle', async () => {
    ran.length = 0;
    const report = await runTick(deps(all()), config, () => 50_000);
    expect(report).toMatchObject({ ran: true, status: 'ok' });
    expect(ran).toEqual(['reconcile', 'refresh_universe', 'news', 'scan', 'analyze', 'execute', 'manage_exits']);
    const [cycle] = await new PgCycleStore(db.pool).recent(1);
    expect(cycle!.stages.map((s) => s.name)).toEqual(ran);
    expect(cycle!.status).toBe('ok');
    const summary = await new RedisLiveSummary(redis, prefix).read();
    expect(summary).toMatchObject({ cycleId: cycle!.id, phase: 'regular', status: 'ok', openPositions: 1 });
  });

  it('exits_quietly_when_another_tick_holds_the_lock', async () => {
    const held = await new RedisLock(redis, prefix, new PgFenceTokens(db.pool)).acquire('tick', 5000);
    const report = await runTick(deps(all()), config, () => 50_000);
    expect(report).toEqual({ ran: false, skippedBecause: 'another tick holds the lock', stages: [] });
    await held!.release();
  });

  it('records_a_failed_stage_skips_its_dependents_and_goes_on', async () => {
    now += 5 * 60_000;
    ran.length = 0;
    notes.length = 0;
    const report = await runTick(
      deps(all({ scan: stage('scan', async () => { throw new AppError('DEPENDENCY_UNAVAILABLE', 'market data down'); }) })),
      config,
      () => 50_000,
    );
    expect(report.status).toBe('partial');
    expect(ran).toEqual(['reconcile', 'news', 'scan', 'manage_exits']);
    expect(report.stages.find((s) => s.name === 'scan')).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'market data down' } });
    expect(notes.map((n) => n.kind)).toEqual(['error']);
  });

  it('fails_with_the_first_cycle_read_error_and_leaves_no_unhandled_rejection_when_both_reads_fail', async () => {
    now += 60_000;
    const unhandled: unknown[] = [];
    const note = (e: unknown) => void unhandled.push(e);
    process.on('unhandledRejection', note);
    try {
      const base = deps(all());
      const cycles = Object.assign(Object.create(base.cycles) as TickDeps['cycles'], {
        lastSuccessfulAt: async () => { throw new AppError('DEPENDENCY_UNAVAILABLE', 'cycles down'); },
        stageRuns: () => new Promise<never>((_, reject) => setTimeout(() => reject(new AppError('DEPENDENCY_UNAVAILABLE', 'stage runs down')), 5)),
      });
      await expect(runTick({ ...base, cycles }, config, () => 50_000)).rejects.toMatchObject({ message: 'cycles down' });
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });

  it('a_failed_analysis_skips_execute_and_nothing_else', async () => {
    now += 5 * 60_000;
    ran.length = 0;
    const report = await runTick(
      deps(all({ analyze: stage('analyze', async () => { throw new AppError('DEPENDENCY_UNAVAILABLE', 'signals down'); }) })),
      config,
      () => 50_000,
    );
    expect(report.status).toBe('partial');
    expect(ran).toEqual(['reconcile', 'news', 'scan', 'analyze', 'manage_exits']);
  });

  it('fires_the_dead_mans_switch_after_a_long_silence_with_positions_open', async () => {
    now += 30 * 60_000;
    ran.length = 0;
    notes.length = 0;
    await runTick(deps(all()), config, () => 50_000);
    expect(notes[0]).toMatchObject({ kind: 'dead_man', title: 'No successful tick for 30 min' });
    expect(ran).toContain('flatten');
  });

  it('a_failed_crypto_cycle_skips_no_stock_stage_and_a_failed_stock_scan_skips_no_crypto_cycle', async () => {
    const withCrypto: TickConfig = { ...config, schedule: { ...DEFAULT_SCHEDULE, cryptoEnabled: true, cryptoEveryMinutes: 1 } };
    const fails = (name: Stage) => stage(name, async () => { throw new AppError('DEPENDENCY_UNAVAILABLE', `${name} down`); });
    now += 5 * 60_000;
    ran.length = 0;
    const cryptoDown = await runTick(deps(all({ crypto: fails('crypto') })), withCrypto, () => 50_000);
    expect(ran).toEqual(['reconcile', 'news', 'scan', 'analyze', 'execute', 'manage_exits', 'crypto']);
    expect(cryptoDown.stages.filter((s) => !s.ok).map((s) => s.name)).toEqual(['crypto']);
    now += 5 * 60_000;
    ran.length = 0;
    const scanDown = await runTick(deps(all({ scan: fails('scan'), crypto: stage('crypto') })), withCrypto, () => 50_000);
    expect(ran).toEqual(['reconcile', 'news', 'scan', 'manage_exits', 'crypto']);
    expect(scanDown.stages.find((s) => s.name === 'crypto')).toMatchObject({ ok: true, counts: { done: 1 } });
  });

  it('runs_the_next_tick_after_every_redis_key_of_the_prefix_was_flushed', async () => {
    now += 60_000;
    const before = await runTick(deps(all()), config, () => 50_000);
    expect(before.ran).toBe(true);
    // An eviction, a flush, a new Upstash database: the lock's keys are gone.
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    now += 60_000;
    const after = await runTick(deps(all()), config, () => 50_000);
    expect(after).toMatchObject({ ran: true, status: 'ok' });
    const [latest, previous] = await new PgCycleStore(db.pool).recent(2);
    expect(latest!.fenceToken).toBeGreaterThan(previous!.fenceToken);
  });

  it('alerts_once_per_window_when_the_tick_cannot_run', async () => {
    now += 60_000;
    notes.length = 0;
    const broken = (): TickDeps => ({
      ...deps(all()),
      limiter: new RedisRateLimiter(redis, { now: () => now }, prefix),
      cycles: Object.assign(Object.create(new PgCycleStore(db.pool)) as PgCycleStore, { lastSuccessfulAt: async () => { throw new AppError('DEPENDENCY_UNAVAILABLE', 'database refused the connection'); } }),
    });
    await expect(runTick(broken(), config, () => 50_000)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    expect(notes).toEqual([expect.objectContaining({ kind: 'error', title: 'Tick cannot run', text: expect.stringContaining('DEPENDENCY_UNAVAILABLE: database refused the connection') })]);
    // Every minute the same failure: one alert per window, not one a minute.
    now += 60_000;
    await expect(runTick(broken(), config, () => 50_000)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    expect(notes).toHaveLength(1);
    now += 30 * 60_000;
    await expect(runTick(broken(), config, () => 50_000)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    expect(notes).toHaveLength(2);
  });

  describe('the lock lease', () => {
    afterEach(() => vi.useRealTimers());
    const renewals: Promise<boolean>[] = [];
    const counting = (lock: Lock, extends_: number[]): Lock => ({
      acquire: async (name, ttl) => {
        const lease = await lock.acquire(name, ttl);
        return lease && ({ ...lease, extend: (ms: number) => (extends_.push(ms), renewals[renewals.push(lease.extend(ms)) - 1]!) } satisfies LockLease);
      },
    });
    // Steps the fake interval timer one beat at a time, letting each renewal's round trip to Redis finish.
    const beats = async (n: number, ms: number) => {
      for (let i = 0; i < n; i++) {
        await vi.advanceTimersByTimeAsync(ms);
        await Promise.all(renewals);
        await new Promise((r) => setImmediate(r));
      }
    };

    it('leases_the_lock_for_the_expected_tick_duration_and_renews_it_while_the_tick_runs', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      now += 60_000;
      const extended: number[] = [];
      let ttlSeen = 0;
      const report = await runTick(
        {
          ...deps(all({
            reconcile: stage('reconcile', async () => {
              ttlSeen = await redis.pttl(`${prefix}lock:tick`);
              // A long stage: the lease is renewed every third of its length.
              await beats(9, 1_667);
              return {};
            }),
          })),
          lock: counting(new RedisLock(redis, prefix, new PgFenceTokens(db.pool)), extended),
        },
        { ...config, leaseMs: 5_000 },
        () => 50_000,
      );
      expect(report.status).toBe('ok');
      // After kill -9 the lock frees within the lease, not the tick's whole time budget.
      expect(ttlSeen).toBeGreaterThan(0);
      expect(ttlSeen).toBeLessThanOrEqual(5_000);
      expect(extended.length).toBeGreaterThanOrEqual(8);
      expect(new Set(extended)).toEqual(new Set([5_000]));
      // Released at the end; no renewal after.
      const count = extended.length;
      await beats(3, 1_667);
      expect(extended).toHaveLength(count);
      expect(await redis.exists(`${prefix}lock:tick`)).toBe(0);
    });

    it('stops_before_the_next_stage_when_the_lease_was_lost', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      now += 60_000;
      ran.length = 0;
      const report = runTick(
        deps(all({
          reconcile: stage('reconcile', async () => {
            // The lease lapsed (a stalled process) and another tick took the lock: renewal finds it lost.
            await redis.set(`${prefix}lock:tick`, '999999999', { px: 60_000 });
            await vi.advanceTimersByTimeAsync(1_000);
            return {};
          }),
        })),
        { ...config, leaseMs: 900 },
        () => 50_000,
      );
      await expect(report).rejects.toMatchObject({ code: 'LOCK_LOST' });
      expect(ran).toEqual(['reconcile']);
      await redis.del(`${prefix}lock:tick`);
    });

    it('takes_back_a_lease_that_lapsed_while_no_other_tick_took_the_lock', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      now += 60_000;
      ran.length = 0;
      const extended: number[] = [];
      const report = await runTick(
        {
          ...deps(all({
            reconcile: stage('reconcile', async () => {
              // A stall longer than the lease: the key expired, but no other tick came.
              await redis.del(`${prefix}lock:tick`);
              await beats(2, 300);
              expect(await redis.exists(`${prefix}lock:tick`)).toBe(1);
              return {};
            }),
          })),
          lock: counting(new RedisLock(redis, prefix, new PgFenceTokens(db.pool)), extended),
        },
        { ...config, leaseMs: 900 },
        () => 50_000,
      );
      expect(report.ran).toBe(true);
      expect(extended.length).toBeGreaterThanOrEqual(1);
      expect(report.status).toBe('ok');
      expect(ran.length).toBeGreaterThan(1);
    });
  });

  it('flattens_before_an_early_close_that_only_the_brokers_calendar_lists', async () => {
    // 2026-11-25 is a full day in the built-in table; the broker says the market shuts at 13:00.
    const early = { date: '2026-11-25', open: newYorkTime('2026-11-25', '09:30'), close: newYorkTime('2026-11-25', '13:00'), sessionOpen: newYorkTime('2026-11-25', '04:00'), sessionClose: newYorkTime('2026-11-25', '17:00') };
    const calendar = new BrokerCalendar({ getCalendar: async () => [early] }, { now: () => now }, { warn: () => undefined });
    now = newYorkTime('2026-11-25', '12:56');
    ran.length = 0;
    const report = await runTick({ ...deps(all()), calendar }, config, () => 50_000);
    expect(report.ran).toBe(true);
    expect(ran).toContain('flatten');
    expect(ran).not.toContain('execute');
  });

  it('stops_writing_when_the_lock_was_lost_to_a_newer_tick', async () => {
    now += 60_000;
    const store = new PgCycleStore(db.pool);
    const report = runTick(
      deps(all({ reconcile: stage('reconcile', async () => {
        // Another tick takes over meanwhile (this one's lease expired) and writes first.
        await store.start(1_000_000, now, 'sim', 'regular');
        return {};
      }) })),
      config,
      () => 50_000,
    );
    await expect(report).rejects.toMatchObject({ code: 'LOCK_LOST' });
  });
});
