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
