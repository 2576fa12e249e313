import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { handler, respond } from '../../../lib/platform/handler.ts';
import { defineFunction, runtimeLogger } from '../../../lib/compose/define.ts';
import { reportingDeps } from '../../../lib/compose/reporting.ts';
import { metricsText } from '../../../lib/app/reporting/views.ts';
import { AppError } from '../../../lib/shared/errors.ts';

/** reporting/metrics: Prometheus text format, for a scraper sending `Authorization: Bearer <METRICS_TOKEN>`. */
export const { main, create } = defineFunction((runtime) => handler({
  name: 'reporting/metrics',
  schema: z.object({}),
  logger: runtimeLogger(runtime),
  methods: ['GET'],
  setup: () => ({ token: runtime().env.METRICS_TOKEN, reporting: reportingDeps(runtime()) }),
  auth: (req, d) => {
    const expected = d.token;
    if (!expected) throw new AppError('NOT_FOUND', 'Metrics are off (set METRICS_TOKEN)');
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const want = Buffer.from(expected);
    if (given.length !== want.length || !timingSafeEqual(given, want)) throw new AppError('UNAUTHORIZED', 'A valid metrics token is required');
    return { subject: 'prometheus' };
  },
  run: async (_i, { deps: d }) => respond(200, await metricsText(d.reporting), { 'content-type': 'text/plain; version=0.0.4' }),
}));
