import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { failuresAsActivationErrors } from './activation-error.ts';
import { handler } from './handler.ts';
import { createLogger } from './logger.ts';
import { AppError } from '../shared/errors.ts';

const quiet = createLogger({ sink: () => undefined });
const misconfigured = handler({
  name: 'coordinator/tick',
  schema: z.object({}),
  setup: () => {
    throw new AppError('CONFIG_INVALID', 'FUNCTIONS_API_KEY is not set');
  },
  run: async () => ({}),
  logger: quiet,
});
const reports = (status: string) => handler({ name: 'coordinator/tick', schema: z.object({}), setup: () => ({}), run: async () => ({ status, stages: [{ name: 'scan', error: { code: 'CONFIG_INVALID', message: 'no key' } }] }), logger: quiet });

describe('a failed scheduled run is a failed activation', () => {
  it('returns_an_error_field_instead_of_a_successful_500_for_a_trigger', async () => {
    const out = await failuresAsActivationErrors(misconfigured)({});
    expect(out).toMatchObject({ error: { code: 'CONFIG_INVALID', statusCode: 500 } });
    expect(out).not.toHaveProperty('statusCode');
  });

  it('keeps_the_http_answer_for_a_web_request', async () => {
    const out = await failuresAsActivationErrors(misconfigured)({ http: { method: 'GET', headers: {}, path: '' } });
    expect(out).toMatchObject({ statusCode: 500 });
  });

  it('fails_the_activation_when_the_run_reports_failure_and_passes_partial_runs', async () => {
    const failed = (b: unknown) => ((b as { status?: string }).status === 'failed' ? 'every stage failed: scan: CONFIG_INVALID no key' : null);
    expect(await failuresAsActivationErrors(reports('failed'), failed)({})).toMatchObject({ error: { code: 'RUN_FAILED', message: 'every stage failed: scan: CONFIG_INVALID no key' } });
    expect(await failuresAsActivationErrors(reports('partial'), failed)({})).toMatchObject({ statusCode: 200 });
  });
});
