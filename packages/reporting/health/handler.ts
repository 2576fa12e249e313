import * as z from 'zod/mini';
import { handler, respond } from '../../../lib/platform/handler.ts';
import { defineFunction, runtimeLogger } from '../../../lib/compose/define.ts';
import { composeHealth } from '../../../lib/compose/health.ts';
import { checkHealth } from '../../../lib/app/health/check-health.ts';

/** Public health check: dependency reachability and each service's last successful run; no secrets. */
export const { main, create } = defineFunction((runtime) =>
  handler({
    name: 'reporting/health',
    schema: z.object({}),
    logger: runtimeLogger(runtime),
    methods: ['GET', 'HEAD'],
    setup: () => composeHealth(runtime()),
    run: async (_input, { deps }) => {
      const report = await checkHealth(deps);
      return respond(report.status === 'down' ? 503 : 200, report);
    },
  }),
);
