import type * as z from 'zod/mini';
import { handler, type Call, type Main } from '../platform/handler.ts';
import type { FunctionRequest } from '../platform/envelope.ts';
import { AppError } from '../shared/errors.ts';
import { getEnv, getRedis, perRuntime, runtimeGeneration } from './runtime.ts';
import { TokenSigner } from '../adapters/auth/signed-tokens.ts';
import { authenticateSession } from '../app/auth/sessions.ts';
import { RedisRefreshRegistry } from '../adapters/redis/redis-refresh-registry.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { registerSecrets } from '../platform/logger.ts';

/** The dashboard's token signer (AUTH_TOKEN_SECRET). */
export const tokenSigner = perRuntime((): TokenSigner => {
  const secret = getEnv().AUTH_TOKEN_SECRET;
  if (!secret) throw new AppError('CONFIG_INVALID', 'AUTH_TOKEN_SECRET is not set (npm start makes one in sim; deployments must set it)');
  registerSecrets([secret]);
  return new TokenSigner(secret);
});

/** Live refresh tokens and ended logins (a logged-out access token is refused at once). */
export const refreshRegistry = perRuntime(() => new RedisRefreshRegistry(getRedis(), getEnv().REDIS_KEY_PREFIX));

/** CORS for the dashboard's origin only (the local runtime serves the dashboard from the same origin). */
export function corsHeaders(req: FunctionRequest): Record<string, string> {
  const origin = getEnv().DASHBOARD_ORIGIN;
  if (!origin || req.headers.origin !== origin) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'Authorization, Content-Type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** A web function of the dashboard's API: a valid bearer token required (unless `public`), CORS for the dashboard. */
export function webFunction<S extends z.ZodMiniType, D, R>(
  name: string,
  schema: S,
  setup: () => D,
  run: (input: z.output<S>, call: Call<D>) => Promise<R>,
  options: { methods?: readonly string[]; public?: boolean } = {},
): Main {
  return handler({
    name,
    schema,
    setup,
    generation: runtimeGeneration,
    methods: options.methods ?? ['GET'],
    headers: (req) => corsHeaders(req),
    ...(options.public ? {} : { auth: (req: FunctionRequest) => authenticateSession(tokenSigner(), refreshRegistry(), systemClock, req.headers.authorization) }),
    run,
  });
}
