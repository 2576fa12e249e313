import type { Invoker } from '../ports/invoker.port.ts';
import { AppError } from '../shared/errors.ts';
import { getEnv } from './runtime.ts';
import { OpenWhiskInvoker } from '../adapters/invoke/openwhisk-invoker.ts';

let hostInvoker: Invoker | undefined;

/**
 * Lets the host process choose how the coordinator reaches the workers (a test or a backtest: the
 * InProcessInvoker over the loaded functions); `undefined` goes back to the environment's choice below.
 */
export function setInvoker(invoker: Invoker | undefined): void {
  hostInvoker = invoker;
}

/**
 * How the coordinator reaches the workers: the local runtime's invoke API under `npm start`
 * (CATALYST_LOCAL_API_URL/KEY, set by the scheduler), or DigitalOcean's OpenWhisk API when deployed
 * (FUNCTIONS_API_HOST/KEY, else the platform's __OW_API_HOST/__OW_API_KEY from `provide-api-key`).
 */
export function buildInvoker(env: NodeJS.ProcessEnv = process.env): Invoker {
  if (hostInvoker) return hostInvoker;
  const cfg = getEnv();
  const apiHost = env.CATALYST_LOCAL_API_URL ?? cfg.FUNCTIONS_API_HOST ?? env.__OW_API_HOST;
  const apiKey = env.CATALYST_LOCAL_API_KEY ?? cfg.FUNCTIONS_API_KEY ?? env.__OW_API_KEY;
  const namespace = env.CATALYST_LOCAL_API_URL ? cfg.CATALYST_NAMESPACE : (env.__OW_NAMESPACE ?? '_');
  if (!apiHost || !apiKey) {
    throw new AppError('CONFIG_INVALID', 'No way to invoke the workers: set FUNCTIONS_API_HOST and FUNCTIONS_API_KEY, or deploy the coordinator with the provide-api-key annotation');
  }
  return new OpenWhiskInvoker({ apiHost, namespace, apiKey });
}
