import * as z from 'zod/mini';
import { handler, respond } from '../../../lib/platform/handler.ts';
import { composeHealth } from '../../../lib/compose/health.ts';
import { functionLogger, runtimeGeneration } from '../../../lib/compose/runtime.ts';
import { checkHealth } from '../../../lib/app/health/check-health.ts';

/** Public health check: dependency reachability and each service's last successful run; no secrets. */
export const main = handler({
  name: 'reporting/health',
  schema: z.object({}),
  generation: runtimeGeneration,
  logger: functionLogger(),
  methods: ['GET', 'HEAD'],
  setup: composeHealth,
  run: async (_input, { deps }) => {
    const report = await checkHealth(deps);
    return respond(report.status === 'down' ? 503 : 200, report);
  },
});
