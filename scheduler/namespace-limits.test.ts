import { describe, expect, it } from 'vitest';
import { namespaceGate, NAMESPACE_LIMITS } from './namespace-limits.ts';

describe('the local runtime namespace limits', () => {
  it('are_digitalocean_functions_limits', () => {
    expect(NAMESPACE_LIMITS).toEqual({ concurrent: 120, perMinute: 600 });
  });

  it('refuses_the_121st_invocation_in_flight_and_admits_one_again_when_one_ends', () => {
    const gate = namespaceGate(NAMESPACE_LIMITS, () => 0);
    const admitted = Array.from({ length: 120 }, () => gate.admit());
    expect(admitted.every((a) => a.ok)).toBe(true);
    const refused = gate.admit();
    expect(refused).toEqual({ ok: false, message: 'Too many concurrent requests in flight (count: 120, allowed: 120).' });
    const first = admitted[0]!;
    if (first.ok) {
      first.release();
      first.release();
    }
    expect(gate.admit().ok).toBe(true);
    expect(gate.admit().ok).toBe(false);
  });

  it('refuses_the_601st_start_within_a_minute_even_when_each_ended_and_admits_once_the_minute_has_passed', () => {
    let t = 1_000;
    const gate = namespaceGate(NAMESPACE_LIMITS, () => t);
    for (let i = 0; i < 600; i++) {
      const a = gate.admit();
      if (!a.ok) throw new Error(`refused at ${i}`);
      a.release();
    }
    t += 59_999;
    expect(gate.admit()).toEqual({ ok: false, message: 'Too many requests in the last minute (count: 600, allowed: 600).' });
    t += 1;
    expect(gate.admit().ok).toBe(true);
  });
});
