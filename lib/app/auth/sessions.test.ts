import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { login, refreshSession, logout, authenticate, authenticateSession, clientAddress, DEFAULT_SESSION, type SessionDeps } from './sessions.ts';
import { TokenSigner } from '../../adapters/auth/signed-tokens.ts';
import { hashPassword, verifyPassword } from '../../adapters/auth/password-hash.ts';
import { InProcessRateLimiter } from '../../adapters/redis/redis-rate-limiter.ts';
import { RedisRefreshRegistry } from '../../adapters/redis/redis-refresh-registry.ts';
import { createTestRedis } from '../../../test/support/redis.ts';

const SECRET = 'x'.repeat(40);
/** A token signed with the right key whose body is any JSON text (what an attacker holding no key cannot make, but a bug could). */
const signedBody = (json: string) => {
  const body = Buffer.from(json).toString('base64url');
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
};

describe('dashboard sessions', async () => {
  let now = Date.parse('2026-11-23T15:00:00Z');
  const clock = { now: () => now };
  const { redis, prefix } = createTestRedis();
  const hash = await hashPassword('correct horse');
  let checks = 0;
  const fresh = (): SessionDeps => ({
    passwordHash: hash,
    verifyPassword: async (p, h) => {
      checks++;
      return verifyPassword(p, h);
    },
    tokens: new TokenSigner(SECRET),
    refresh: new RedisRefreshRegistry(redis, `${prefix}${Math.random().toString(36).slice(2)}:`),
    limiter: new InProcessRateLimiter(clock),
    clock,
  });
  const deps = fresh();

  it('logs_in_with_the_configured_password_and_authenticates_requests', async () => {
    const pair = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.1');
    expect(authenticate(deps.tokens, clock, `Bearer ${pair.accessToken}`)).toMatchObject({ subject: 'trader' });
    expect(() => authenticate(deps.tokens, clock, undefined)).toThrow(/Log in first/);
    expect(() => authenticate(deps.tokens, clock, `Bearer ${pair.refreshToken}`)).toThrow(/Log in first/);
    expect(() => authenticate(deps.tokens, clock, `Bearer ${pair.deviceToken}`)).toThrow(/Log in first/);
    now += DEFAULT_SESSION.accessTtlSeconds * 1000 + 1;
    expect(() => authenticate(deps.tokens, clock, `Bearer ${pair.accessToken}`)).toThrow(/Log in first/);
  });

  it('refuses_a_wrong_password_and_rate_limits_attempts_per_client', async () => {
    await expect(login(deps, DEFAULT_SESSION, 'wrong', '10.0.0.2')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong password' });
    for (let i = 0; i < 4; i++) await login(deps, DEFAULT_SESSION, 'wrong', '10.0.0.2').catch(() => undefined);
    await expect(login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.2')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.3')).resolves.toHaveProperty('accessToken');
  });

  it('keys_the_client_on_the_address_the_platform_appended_not_the_one_the_client_sent', () => {
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4, 203.0.113.9' })).toBe('203.0.113.9');
    expect(clientAddress({ 'x-forwarded-for': `${Math.random()}, 203.0.113.9` })).toBe('203.0.113.9');
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
    expect(clientAddress({})).toBe('unknown');
  });

  it('backs_off_wrong_passwords_from_many_addresses_without_hashing_yet_lets_the_owners_browser_in', async () => {
    const d = fresh();
    const owner = await login(d, DEFAULT_SESSION, 'correct horse', '198.51.100.1');
    checks = 0;
    const answers: string[] = [];
    for (let i = 0; i < 60; i++) {
      answers.push(await login(d, DEFAULT_SESSION, `guess-${i}`, `203.0.113.${i}`).then(() => 'ok', (e: { code: string }) => e.code));
    }
    // The account's burst (less the owner's login) reaches the password check; the rest are refused before it.
    expect(answers.filter((a) => a === 'UNAUTHORIZED')).toHaveLength(DEFAULT_SESSION.accountBurst - 1);
    expect(answers.filter((a) => a === 'RATE_LIMITED')).toHaveLength(60 - DEFAULT_SESSION.accountBurst + 1);
    expect(checks).toBe(DEFAULT_SESSION.accountBurst - 1);
    // A new browser waits; the owner's browser (its device token) still logs in with the right password.
    await expect(login(d, DEFAULT_SESSION, 'correct horse', '198.51.100.7')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(login(d, DEFAULT_SESSION, 'correct horse', '198.51.100.7', owner.deviceToken)).resolves.toHaveProperty('accessToken');
    // A forged device token is a new browser.
    await expect(login(d, DEFAULT_SESSION, 'correct horse', '198.51.100.7', `${owner.deviceToken}x`)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('rotates_refresh_tokens_and_revokes_them_on_logout', async () => {
    const pair = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.4');
    const next = await refreshSession(deps, DEFAULT_SESSION, pair.refreshToken);
    await logout(deps, DEFAULT_SESSION, next.refreshToken);
    await expect(refreshSession(deps, DEFAULT_SESSION, next.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('replaying_a_rotated_refresh_token_ends_the_whole_login', async () => {
    const pair = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.6');
    const next = await refreshSession(deps, DEFAULT_SESSION, pair.refreshToken);
    await expect(refreshSession(deps, DEFAULT_SESSION, pair.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: /already used/ });
    await expect(refreshSession(deps, DEFAULT_SESSION, next.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(authenticateSession(deps.tokens, deps.refresh, clock, `Bearer ${next.accessToken}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('logout_refuses_the_access_token_of_that_login_at_once_and_no_other', async () => {
    const a = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.7');
    const b = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.8');
    await expect(authenticateSession(deps.tokens, deps.refresh, clock, `Bearer ${a.accessToken}`)).resolves.toMatchObject({ subject: 'trader' });
    await logout(deps, DEFAULT_SESSION, a.refreshToken);
    await expect(authenticateSession(deps.tokens, deps.refresh, clock, `Bearer ${a.accessToken}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(authenticateSession(deps.tokens, deps.refresh, clock, `Bearer ${b.accessToken}`)).resolves.toMatchObject({ subject: 'trader' });
  });

  it('rejects_a_tampered_token_a_null_body_extra_segments_and_a_malformed_hash', async () => {
    const { accessToken } = await login(deps, DEFAULT_SESSION, 'correct horse', '10.0.0.5');
    const [body, sig] = accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    expect(() => authenticate(deps.tokens, clock, `Bearer ${forged}.${sig}`)).toThrow(/Log in first/);
    for (const json of ['null', '1', '"x"', '[]', '{}', '{"typ":"access","exp":1e300}']) {
      expect(() => authenticate(deps.tokens, clock, `Bearer ${signedBody(json)}`)).toThrow(/Log in first/);
    }
    expect(() => authenticate(deps.tokens, clock, `Bearer ${accessToken}.garbage`)).toThrow(/Log in first/);
    expect(() => authenticate(deps.tokens, clock, `bearer ${accessToken}`)).toThrow(/Log in first/);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
