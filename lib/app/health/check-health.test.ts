import { describe, expect, it } from 'vitest';
import { checkHealth } from './check-health.ts';

const clock = { now: () => Date.parse('2026-11-23T15:00:00Z') };

describe('checkHealth', () => {
  it('shows_the_brokers_requests_left_and_names_what_is_down_by_code_only', async () => {
    const report = await checkHealth({
      probes: [
        { name: 'database', check: async () => undefined },
        { name: 'broker', check: async () => ({ 'paper-api.alpaca.markets': 187, 'data.alpaca.markets': 200 }) },
        { name: 'redis', check: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED http://user:secret@host'), { code: 'ECONNREFUSED' })) },
      ],
      runs: null,
      clock,
      mode: 'paper',
      staleAfterSeconds: 300,
    });
    expect(report.dependencies.broker).toMatchObject({ ok: true, details: { 'paper-api.alpaca.markets': 187, 'data.alpaca.markets': 200 } });
    expect(report.dependencies.database).not.toHaveProperty('details');
    expect(report.dependencies.redis).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(report.status).toBe('down');
  });
});

describe('checkHealth while every tick fails', () => {
  const now = Date.parse('2026-11-23T15:00:00Z');
  const runsWith = (lastSuccessAt: number | null, lastFailureAt: number | null) => ({
    record: async () => undefined,
    list: async () => [{ functionName: 'coordinator/tick', service: 'coordinator', lastSuccessAt, lastFailureAt, lastErrorCode: 'DEPENDENCY_REFUSED:redis', runs: 10, failures: 5 }],
  });
  const report = (lastSuccessAt: number | null, lastFailureAt: number | null) =>
    checkHealth({ probes: [{ name: 'database', check: async () => undefined }], runs: runsWith(lastSuccessAt, lastFailureAt), clock: { now: () => now }, mode: 'sim', staleAfterSeconds: 900 });

  it('is_down_when_the_ticks_have_failed_for_two_minutes_even_with_every_probe_up', async () => {
    const r = await report(now - 180_000, now - 1_000);
    expect(r.status).toBe('down');
    expect(r.services.coordinator!.lastErrorCode).toBe('DEPENDENCY_REFUSED:redis');
    expect((await report(null, now - 1_000)).status).toBe('down');
  });

  it('stays_ok_after_one_failure_followed_by_a_success_or_within_two_minutes', async () => {
    expect((await report(now - 1_000, now - 60_000)).status).toBe('ok');
    expect((await report(now - 60_000, now - 1_000)).status).toBe('ok');
  });
});
