import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { login, logout, refreshSession, DEFAULT_SESSION } from '../../../lib/app/auth/sessions.ts';
import { verifyPassword } from '../../../lib/adapters/auth/password-hash.ts';
import { RedisRefreshRegistry } from '../../../lib/adapters/redis/redis-refresh-registry.ts';
import { getRedis } from '../../../lib/compose/runtime.ts';
import { systemClock } from '../../../lib/adapters/clock/system-clock.ts';
import { AppError } from '../../../lib/shared/errors.ts';

const Args = z.discriminatedUnion('action', [
  z.object({ action: z.literal('login'), password: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ action: z.literal('refresh'), refreshToken: z.string().check(z.minLength(10)) }),
  z.object({ action: z.literal('logout'), refreshToken: z.string().check(z.minLength(10)) }),
]);

/** reporting/auth: the dashboard logs in with the password and gets a short-lived token and a refresh token. */
export const main = webFunction(
  'reporting/auth',
  Args,
  async (input, { deps, req }) => {
    const hash = deps.env.DASHBOARD_PASSWORD_HASH;
    if (!hash) throw new AppError('CONFIG_INVALID', 'DASHBOARD_PASSWORD_HASH is not set');
    const session = { passwordHash: hash, verifyPassword, tokens: deps.tokens, refresh: new RedisRefreshRegistry(getRedis(), deps.env.REDIS_KEY_PREFIX), limiter: deps.limiter, clock: systemClock };
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
