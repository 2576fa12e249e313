import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { login, logout, refreshSession, DEFAULT_SESSION } from '../../../lib/app/auth/sessions.ts';
import { verifyPassword } from '../../../lib/adapters/auth/password-hash.ts';
import { RedisRefreshRegistry } from '../../../lib/adapters/redis/redis-refresh-registry.ts';
import { systemClock } from '../../../lib/adapters/clock/system-clock.ts';
import { AppError } from '../../../lib/shared/errors.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';
import { tokenSigner } from '../../../lib/compose/web.ts';
import { rateLimiter } from '../../../lib/compose/stores.ts';

const Args = z.discriminatedUnion('action', [
  z.object({ action: z.literal('login'), password: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ action: z.literal('refresh'), refreshToken: z.string().check(z.minLength(10)) }),
  z.object({ action: z.literal('logout'), refreshToken: z.string().check(z.minLength(10)) }),
]);

/** reporting/auth: the dashboard logs in with the password and gets a short-lived token and a refresh token. */
function setup(rt: Runtime) {
  const env = rt.env;
  const hash = env.DASHBOARD_PASSWORD_HASH;
  if (!hash) throw new AppError('CONFIG_INVALID', 'DASHBOARD_PASSWORD_HASH is not set');
  return { passwordHash: hash, verifyPassword, tokens: tokenSigner(rt), refresh: new RedisRefreshRegistry(rt.redis(), env.REDIS_KEY_PREFIX), limiter: rateLimiter(rt), clock: systemClock };
}

export const { main, create } = webFunction(
  'reporting/auth',
  Args,
  setup,
  async (input, { deps: session, req }) => {
    if (input.action === 'login') {
      const client = (req.headers['x-forwarded-for'] ?? 'unknown').split(',')[0]!.trim();
      return login(session, DEFAULT_SESSION, input.password, client);
    }
    if (input.action === 'refresh') return refreshSession(session, DEFAULT_SESSION, input.refreshToken);
    await logout(session, input.refreshToken);
    return { ok: true };
  },
  { methods: ['POST'], public: true },
);
