import path from 'node:path';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { invokerFor } from '../lib/compose/invoker.ts';
import { FUNCTION_LIMITS, functionTrialInvoker } from '../lib/adapters/research/function-trial.invoker.ts';
import type { TrialInvoker, TrialStudy } from '../lib/ports/trial-invoker.port.ts';

/** Invocations left to the coordinator's own tick and workers while a study fans out. */
export const COORDINATOR_RESERVE = 20;
/** A session's wall time in research/trial when not given: about twice the 100-symbol figure of `npm run bench -- research` on an idle 2-core machine. */
export const DEFAULT_SESSION_SECONDS = 10;

/**
 * `npm run optimize -- --remote`: trials as research/trial invocations through the Invoker the coordinator
 * uses: DigitalOcean's API (FUNCTIONS_API_HOST and FUNCTIONS_API_KEY) or a local runtime's invoke API
 * (CATALYST_LOCAL_API_URL and CATALYST_LOCAL_API_KEY). Returns a reason instead when neither is set.
 */
export function remoteTrialInvoker(args: { root: string; env: Record<string, string | undefined>; study: TrialStudy; concurrency: number | undefined; sessionSeconds: number; say?: (line: string) => void }): TrialInvoker | { problem: string } {
  const { env } = args;
  if (!env.FUNCTIONS_API_KEY && !(env.CATALYST_LOCAL_API_URL && env.CATALYST_LOCAL_API_KEY)) {
    return { problem: '--remote invokes research/trial: set FUNCTIONS_API_HOST and FUNCTIONS_API_KEY (the deployed namespace, README "Deploying to DigitalOcean"), or CATALYST_LOCAL_API_URL and CATALYST_LOCAL_API_KEY (a local runtime\'s invoke API)' };
  }
  const fn = loadProjectSpec(path.join(args.root, 'project.yml'), env).functions.find((f) => f.id === 'research/trial');
  if (!fn) return { problem: 'project.yml has no research/trial function: --remote has nothing to invoke' };
  const concurrency = args.concurrency ?? FUNCTION_LIMITS.concurrent - COORDINATOR_RESERVE;
  if (concurrency > FUNCTION_LIMITS.concurrent) return { problem: `--concurrency must be at most ${FUNCTION_LIMITS.concurrent} (the namespace's concurrent invocations; got ${concurrency})` };
  const invoker = invokerFor(
    { CATALYST_LOCAL_API_URL: env.CATALYST_LOCAL_API_URL, CATALYST_LOCAL_API_KEY: env.CATALYST_LOCAL_API_KEY },
    { TRADING_MODE: 'paper', CATALYST_NAMESPACE: env.CATALYST_NAMESPACE || 'catalyst', FUNCTIONS_API_HOST: env.FUNCTIONS_API_HOST, FUNCTIONS_API_KEY: env.FUNCTIONS_API_KEY },
  );
  return functionTrialInvoker({ invoker, study: args.study, functionTimeoutMs: fn.limits.timeout, sessionMs: args.sessionSeconds * 1000, concurrency, ...(args.say ? { onRetry: args.say } : {}) });
}
