import { describe, expect, it } from 'vitest';
import { activationLog, activationRecord, ACTIVATION_RETENTION, BLOCKING_WINDOW_MS } from './activations.ts';
import type { FunctionSpec } from './project-spec.ts';

const spec: FunctionSpec = { package: 'research', name: 'trial', id: 'research/trial', runtime: 'nodejs:22', main: 'main', web: false, webSecure: false, limits: { timeout: 900_000, memory: 1024 }, environment: {}, triggers: [] };
const ended = (activationId: string, result: unknown, timedOut = false) => activationRecord(spec, 'ns', { activationId, result, timedOut, start: 1_000, end: 1_250, durationMs: 250 });

describe('activation records of the local runtime', () => {
  it('wait_digitalocean_s_30_s_blocking_window_and_keep_a_bounded_number', () => {
    expect(BLOCKING_WINDOW_MS).toBe(30_000);
    expect(ACTIVATION_RETENTION).toEqual({ records: 1_000, resultBytes: 32 * 1024 * 1024 });
  });

  it('call_a_result_with_an_error_field_an_application_error_and_a_timeout_the_developer_s', () => {
    expect(ended('a', { error: 'boom' }).response).toEqual({ status: 'application error', success: false, result: { error: 'boom' } });
    expect(ended('b', undefined, true).response).toEqual({ status: 'action developer error', success: false, result: { error: 'The action exceeded its time limits of 900000 milliseconds.' } });
    expect(ended('c', { statusCode: 200, body: '{}' })).toMatchObject({ name: 'trial', subject: 'ns', start: 1_000, end: 1_250, duration: 250, response: { status: 'success', success: true } });
  });

  it('drop_the_oldest_once_their_results_pass_the_byte_bound', () => {
    const log = activationLog({ records: 100, resultBytes: 50 });
    log.add(ended('old', { text: 'x'.repeat(20) }));
    log.add(ended('mid', { text: 'y'.repeat(20) }));
    expect(log.size().records).toBe(1);
    expect(log.get('old')).toBeUndefined();
    expect(log.get('mid')?.response.result).toEqual({ text: 'y'.repeat(20) });
    expect(log.size().resultBytes).toBe(JSON.stringify({ text: 'y'.repeat(20) }).length);
  });
});
