import { describe, expect, it } from 'vitest';
import { startTriggers, type TriggerFiring, type TriggerTimers } from './trigger-runner.ts';
import { namespaceGate } from './namespace-limits.ts';
import type { LoadedFunction } from './function-registry.ts';
import type { ScaledClock } from '../lib/adapters/clock/scaled-clock.ts';

const MINUTE = 60_000;
const start = Date.parse('2026-11-23T14:30:00Z');

function tick(calls: number[], clock: { t: number }): LoadedFunction {
  return {
    spec: {
      package: 'coordinator', name: 'tick', id: 'coordinator/tick', runtime: 'nodejs:22', main: 'main', web: false, webSecure: false,
      limits: { timeout: 2000, memory: 256 }, environment: {},
      triggers: [{ name: 'every-minute', cron: '* * * * *', body: {}, enabled: true }],
    },
    main: async () => (calls.push(clock.t), { ok: true }),
  };
}

/** Timers run by hand: `wake(early)` sets the clock to the awaited minute minus `early` ms and runs the callback. */
function manualTimers(clock: { t: number }) {
  const queue: { callback: () => void; due: number }[] = [];
  const timers: TriggerTimers = {
    set: (callback, delayMs) => {
      const entry = { callback, due: clock.t + delayMs };
      queue.push(entry);
      return entry;
    },
    clear: (handle) => void queue.splice(queue.indexOf(handle as (typeof queue)[number]), 1),
  };
  return {
    timers,
    pending: () => queue.length,
    wake(earlyMs: number) {
      const next = queue.shift()!;
      clock.t = next.due - earlyMs;
      next.callback();
    },
  };
}

describe('trigger runner', () => {
  it('fires_each_minute_once_when_the_timer_wakes_a_fraction_of_a_millisecond_early', async () => {
    const clock = { t: start + 10_000 };
    const scaled: ScaledClock = { speed: 1, now: () => clock.t, realDelayUntil: (target) => Math.max(0, target - clock.t) };
    const manual = manualTimers(clock);
    const fired: number[] = [];
    const calls: number[] = [];
    const runner = startTriggers({ functions: new Map([['coordinator/tick', tick(calls, clock)]]), namespace: 'ns', clock: scaled, timers: manual.timers, onFire: (e) => fired.push(e.at) });
    for (let i = 0; i < 5; i++) {
      manual.wake(0.4);
      await new Promise((r) => setImmediate(r));
    }
    runner.stop();
    expect(manual.pending()).toBe(0);
    expect(fired.map((t) => new Date(t).toISOString())).toEqual([1, 2, 3, 4, 5].map((m) => new Date(start + m * MINUTE).toISOString()));
    expect(calls).toHaveLength(5);
  });

  it('fires_the_next_minute_after_a_late_wake_and_never_a_past_one', async () => {
    const clock = { t: start };
    const scaled: ScaledClock = { speed: 1, now: () => clock.t, realDelayUntil: (target) => Math.max(0, target - clock.t) };
    const manual = manualTimers(clock);
    const fired: number[] = [];
    const runner = startTriggers({ functions: new Map([['coordinator/tick', tick([], clock)]]), namespace: 'ns', clock: scaled, timers: manual.timers, onFire: (e) => fired.push(e.at) });
    manual.wake(0); // 14:31 on time
    await new Promise((r) => setImmediate(r));
    manual.wake(-90_000); // 14:32's timer wakes at 14:33:30: 14:32 fires (late), the next one is 14:34
    await new Promise((r) => setImmediate(r));
    manual.wake(0.2);
    await new Promise((r) => setImmediate(r));
    runner.stop();
    expect(fired.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['14:31', '14:32', '14:34']);
  });

  it('stops_only_after_the_running_activation_has_finished_so_ctrl_c_cuts_no_tick_off', async () => {
    const clock = { t: start };
    const scaled: ScaledClock = { speed: 1, now: () => clock.t, realDelayUntil: (target) => Math.max(0, target - clock.t) };
    const manual = manualTimers(clock);
    let release: () => void = () => undefined;
    const slow = tick([], clock);
    slow.main = () => new Promise((resolve) => (release = () => resolve({ ok: true })));
    const fired: number[] = [];
    const runner = startTriggers({ functions: new Map([['coordinator/tick', slow]]), namespace: 'ns', clock: scaled, timers: manual.timers, onFire: (e) => fired.push(e.at) });
    manual.wake(0);
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(manual.pending()).toBe(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(fired).toHaveLength(1);
  });
});

describe('trigger runner under the namespace limits', () => {
  it('throttles_a_scheduled_firing_past_the_namespace_limits_and_counts_the_ones_it_runs', async () => {
    const clock = { t: start + 30_000 };
    const scaled: ScaledClock = { speed: 1, now: () => clock.t, realDelayUntil: (target) => Math.max(0, target - clock.t) };
    const manual = manualTimers(clock);
    // One invocation a minute; a worker's took it at 14:30:30, so the namespace is full until 14:31:30.
    const limits = namespaceGate({ concurrent: 120, perMinute: 1 }, () => clock.t);
    const occupied = limits.admit();
    expect(occupied.ok).toBe(true);
    const calls: number[] = [];
    const fired: TriggerFiring[] = [];
    const runner = startTriggers({ functions: new Map([['coordinator/tick', tick(calls, clock)]]), namespace: 'ns', clock: scaled, timers: manual.timers, admit: () => limits.admit(), onFire: (e) => fired.push(e) });
    manual.wake(0); // 14:31: still full
    await new Promise((r) => setImmediate(r));
    manual.wake(0); // 14:32: room again
    await new Promise((r) => setImmediate(r));
    await runner.stop();
    expect(fired.map((e) => [new Date(e.at).toISOString().slice(11, 16), e.ok, e.throttled ?? null])).toEqual([
      ['14:31', false, 'Too many requests in the last minute (count: 1, allowed: 1).'],
      ['14:32', true, null],
    ]);
    expect(calls).toHaveLength(1);
    // The firing that ran took its place in the limits: the same minute refuses another invocation.
    expect(limits.admit().ok).toBe(false);
  });
});
