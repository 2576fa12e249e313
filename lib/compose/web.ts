import type * as z from 'zod/mini';
import { handler, type Call } from '../platform/handler.ts';
import type { FunctionRequest } from '../platform/envelope.ts';
import { AppError } from '../shared/errors.ts';
import type { Runtime } from './runtime.ts';
import { defineFunction, runtimeLogger, type FunctionDef } from './define.ts';
import { TokenSigner } from '../adapters/auth/signed-tokens.ts';
import { authenticateSession } from '../app/auth/sessions.ts';
import { RedisRefreshRegistry } from '../adapters/redis/redis-refresh-registry.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { registerSecrets } from '../platform/logger.ts';

const buildTokenSigner = (rt: Runtime): TokenSigner => {
  const secret = rt.env.AUTH_TOKEN_SECRET;
  if (!secret) throw new AppError('CONFIG_INVALID', 'AUTH_TOKEN_SECRET is not set (npm start makes one in sim; deployments must set it)');
  registerSecrets([secret]);
  return new TokenSigner(secret);
};

/** The dashboard's token signer (AUTH_TOKEN_SECRET), once per runtime. */
export function tokenSigner(rt: Runtime): TokenSigner {
  return rt.once(buildTokenSigner);
}

/** Live refresh tokens and ended logins (a logged-out access token is refused at once). */
export const refreshRegistry = (rt: Runtime) => new RedisRefreshRegistry(rt.redis(), rt.env.REDIS_KEY_PREFIX);

/** CORS for the dashboard's origin only (the local runtime serves the dashboard from the same origin). */
export function corsHeaders(rt: Runtime, req: FunctionRequest): Record<string, string> {
  const origin = rt.env.DASHBOARD_ORIGIN;
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
  setup: (rt: Runtime) => D,
  run: (input: z.output<S>, call: Call<D>) => Promise<R>,
  options: { methods?: readonly string[]; public?: boolean } = {},
): FunctionDef {
  return defineFunction((runtime) =>
    handler({
      name,
      schema,
      setup: () => setup(runtime()),
      logger: runtimeLogger(runtime),
      methods: options.methods ?? ['GET'],
      headers: (req) => corsHeaders(runtime(), req),
      ...(options.public ? {} : { auth: (req: FunctionRequest) => authenticateSession(tokenSigner(runtime()), refreshRegistry(runtime()), systemClock, req.headers.authorization) }),
      run,
    }),
  );
}
