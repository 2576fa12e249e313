import * as z from 'zod/mini';
import { webFunction } from '../../../lib/compose/web.ts';
import { clientAddress, login, logout, refreshSession, DEFAULT_SESSION } from '../../../lib/app/auth/sessions.ts';
import { verifyPassword } from '../../../lib/adapters/auth/password-hash.ts';
import { systemClock } from '../../../lib/adapters/clock/system-clock.ts';
import { AppError } from '../../../lib/shared/errors.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';
import { refreshRegistry, tokenSigner } from '../../../lib/compose/web.ts';
import { rateLimiter } from '../../../lib/compose/stores.ts';

const Args = z.discriminatedUnion('action', [
  z.object({ action: z.literal('login'), password: z.string().check(z.minLength(1), z.maxLength(200)), deviceToken: z.optional(z.string().check(z.maxLength(2000))) }),
  z.object({ action: z.literal('refresh'), refreshToken: z.string().check(z.minLength(10)) }),
  z.object({ action: z.literal('logout'), refreshToken: z.string().check(z.minLength(10)) }),
]);

/** reporting/auth: the dashboard logs in with the password and gets a short-lived token and a refresh token. */
function setup(rt: Runtime) {
  const env = rt.env;
  const hash = env.DASHBOARD_PASSWORD_HASH;
  if (!hash) throw new AppError('CONFIG_INVALID', 'DASHBOARD_PASSWORD_HASH is not set');
  return { passwordHash: hash, verifyPassword, tokens: tokenSigner(rt), refresh: refreshRegistry(rt), limiter: rateLimiter(rt), clock: systemClock };
}

export const { main, create } = webFunction(
  'reporting/auth',
  Args,
  setup,
  async (input, { deps: session, req }) => {
    if (input.action === 'login') {
      return login(session, DEFAULT_SESSION, input.password, clientAddress(req.headers), input.deviceToken);
    }
    if (input.action === 'refresh') return refreshSession(session, DEFAULT_SESSION, input.refreshToken);
    await logout(session, DEFAULT_SESSION, input.refreshToken);
    return { ok: true };
  },
  { methods: ['POST'], public: true },
);
