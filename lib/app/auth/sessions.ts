import type { RateLimiter } from '../../ports/rate-limiter.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import { AppError } from '../../shared/errors.ts';
import type { RefreshRegistry, TokenService } from '../../ports/auth.port.ts';

export interface SessionDeps {
  passwordHash: string;
  verifyPassword: (password: string, hash: string) => Promise<boolean>;
  tokens: TokenService;
  refresh: RefreshRegistry;
  limiter: RateLimiter;
  clock: Clock;
}

export interface SessionConfig {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Login attempts per client per minute. */
  loginsPerMinute: number;
}

export const DEFAULT_SESSION: SessionConfig = { accessTtlSeconds: 15 * 60, refreshTtlSeconds: 12 * 3600, loginsPerMinute: 5 };

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

async function pair(deps: SessionDeps, config: SessionConfig): Promise<TokenPair> {
  const now = deps.clock.now();
  const access = deps.tokens.issue('trader', 'access', now, config.accessTtlSeconds);
  const refresh = deps.tokens.issue('trader', 'refresh', now, config.refreshTtlSeconds);
  await deps.refresh.add(refresh.claims.jti, config.refreshTtlSeconds);
  return { accessToken: access.token, refreshToken: refresh.token, expiresIn: config.accessTtlSeconds };
}

/** Logs the trader in: rate limited per client; the same answer for every wrong password. */
export async function login(deps: SessionDeps, config: SessionConfig, password: string, clientId: string): Promise<TokenPair> {
  const take = await deps.limiter.take(`login:${clientId}`, { capacity: config.loginsPerMinute, refillPerSecond: config.loginsPerMinute / 60 });
  if (!take.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many login attempts; wait a minute', { retryAfterSeconds: Math.ceil(take.retryAfterMs / 1000) });
  }
  if (!(await deps.verifyPassword(password, deps.passwordHash))) throw new AppError('UNAUTHORIZED', 'Wrong password');
  return pair(deps, config);
}

/** Trades a live refresh token for a new pair (the old refresh token stops working). */
export async function refreshSession(deps: SessionDeps, config: SessionConfig, refreshToken: string): Promise<TokenPair> {
  const claims = deps.tokens.verify(refreshToken, 'refresh', deps.clock.now());
  if (!claims || !(await deps.refresh.consume(claims.jti))) throw new AppError('UNAUTHORIZED', 'The session has expired; log in again');
  return pair(deps, config);
}

/** Revokes a refresh token. */
export async function logout(deps: SessionDeps, refreshToken: string): Promise<void> {
  const claims = deps.tokens.verify(refreshToken, 'refresh', deps.clock.now());
  if (claims) await deps.refresh.consume(claims.jti);
}

/** The principal of a request's bearer access token, or an UNAUTHORIZED error. */
export function authenticate(tokens: TokenService, clock: Clock, authorization: string | undefined): { subject: string } {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
  const claims = token ? tokens.verify(token, 'access', clock.now()) : null;
  if (!claims) throw new AppError('UNAUTHORIZED', 'Log in first (a valid bearer token is required)');
  return { subject: claims.sub };
}
