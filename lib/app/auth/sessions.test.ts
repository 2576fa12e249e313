import { describe, expect, it } from 'vitest';
import { login, refreshSession, logout, authenticate, DEFAULT_SESSION, type SessionDeps } from './sessions.ts';
import { TokenSigner } from '../../adapters/auth/signed-tokens.ts';
import { hashPassword, verifyPassword } from '../../adapters/auth/password-hash.ts';
import { InProcessRateLimiter } from '../../adapters/redis/redis-rate-limiter.ts';
import { RedisRefreshRegistry } from '../../adapters/redis/redis-refresh-registry.ts';
import { createTestRedis } from '../../../test/support/redis.ts';

describe('dashboard sessions', async () => {
  let now = Date.parse('2026-11-23T15:00:00Z');
  const clock = { now: () => now };
  const { redis, prefix } = createTestRedis();
  const deps: SessionDeps = {
    passwordHash: await hashPassword('correct horse'),
    verifyPassword,
    tokens: new TokenSigner('x'.repeat(40)),
    refresh: new RedisRefreshRegistry(redis, prefix),
    limiter: new InProcessRateLimiter(clock),
    clock,
  };

  it('logs_in_with_the_configured_password_and_authenticates_requests', async () => {
    const pair = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.1');
    expect(authenticate(deps.tokens, clock, `Bearer ${pair.accessToken}`)).toEqual({ subject: 'trader' });
    expect(() => authenticate(deps.tokens, clock, undefined)).toThrow(/Log in first/);
    expect(() => authenticate(deps.tokens, clock, `Bearer ${pair.refreshToken}`)).toThrow(/Log in first/);
    now += DEFAULT_SESSION.accessTtlSeconds * 1000 + 1;
    expect(() => authenticate(deps.tokens, clock, `Bearer ${pair.accessToken}`)).toThrow(/Log in first/);
  });

  it('refuses_a_wrong_password_and_rate_limits_attempts_per_client', async () => {
    await expect(login(deps, DEFAULT_SESSION, 'wrong', '10.0.0.2')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong password' });
    for (let i = 0; i < 4; i++) await login(deps, DEFAULT_SESSION, 'wrong', '10.0.0.2').catch(() => undefined);
    await expect(login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.2')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.3')).resolves.toHaveProperty('accessToken');
  });

  it('rotates_refresh_tokens_and_revokes_them_on_logout', async () => {
    const pair = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.4');
    const next = await refreshSession(deps, DEFAULT_SESSION, pair.refreshToken);
    await expect(refreshSession(deps, DEFAULT_SESSION, pair.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await logout(deps, next.refreshToken);
    await expect(refreshSession(deps, DEFAULT_SESSION, next.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('rejects_a_tampered_token_and_a_malformed_hash', async () => {
    const { accessToken } = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.5');
    const [body, sig] = accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    expect(() => authenticate(deps.tokens, clock, `Bearer ${forged}.${sig}`)).toThrow(/Log in first/);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
