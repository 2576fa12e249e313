import { randomBytes } from 'node:crypto';
import { hashPassword } from '../lib/adapters/auth/password-hash.ts';

/**
 * For `npm start` without a configured dashboard password or token secret: a one-time password (printed
 * once on the console, never logged) and a per-run token secret. Deployments must configure both.
 */
export async function localDashboardSecrets(env: Record<string, string | undefined>): Promise<{ env: Record<string, string>; password: string | null }> {
  const out: Record<string, string> = {};
  let password: string | null = null;
  if (!env.DASHBOARD_PASSWORD_HASH) {
    password = randomBytes(9).toString('base64url');
    out.DASHBOARD_PASSWORD_HASH = await hashPassword(password);
  }
  if (!env.AUTH_TOKEN_SECRET) out.AUTH_TOKEN_SECRET = randomBytes(32).toString('base64url');
  return { env: out, password };
}
