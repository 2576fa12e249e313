import type { Invoker } from '../ports/invoker.port.ts';
import { AppError } from '../shared/errors.ts';
import type { Runtime } from './runtime.ts';
import { OpenWhiskInvoker } from '../adapters/invoke/openwhisk-invoker.ts';

/**
 * How the coordinator reaches the workers: the host's invoker (the local runtime's invoke API under
 * `npm start`, the InProcessInvoker in tests and backtests), or DigitalOcean's OpenWhisk API when deployed
 * (FUNCTIONS_API_HOST/KEY, else the platform's __OW_API_HOST/__OW_API_KEY from `provide-api-key`).
 */
export function buildInvoker(rt: Runtime): Invoker {
  if (rt.overrides.invoker) return rt.overrides.invoker;
  const cfg = rt.env;
  const platform = rt.overrides.platformApi ?? {};
  const apiHost = cfg.FUNCTIONS_API_HOST ?? platform.host;
  const apiKey = cfg.FUNCTIONS_API_KEY ?? platform.key;
  const namespace = platform.namespace ?? '_';
  if (!apiHost || !apiKey) {
    throw new AppError('CONFIG_INVALID', 'No way to invoke the workers: set FUNCTIONS_API_HOST and FUNCTIONS_API_KEY, or deploy the coordinator with the provide-api-key annotation');
  }
  return new OpenWhiskInvoker({ apiHost, namespace, apiKey });
}
