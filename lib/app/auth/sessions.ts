import type { RateLimiter, BucketSpec } from '../../ports/rate-limiter.port.ts';
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
  /** Lifetime of the device token a browser gets at login (it exempts that browser from the account back-off). */
  deviceTtlSeconds: number;
  /** Login attempts per client address (or per trusted browser) per minute. */
  loginsPerMinute: number;
  /** Account-wide back-off: this many attempts from browsers that never logged in, then `accountRefillPerMinute`. */
  accountBurst: number;
  accountRefillPerMinute: number;
}

export const DEFAULT_SESSION: SessionConfig = {
  accessTtlSeconds: 15 * 60,
  refreshTtlSeconds: 12 * 3600,
  deviceTtlSeconds: 90 * 86_400,
  loginsPerMinute: 5,
  accountBurst: 20,
  accountRefillPerMinute: 2,
};

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface LoginResult extends TokenPair {
  /** Kept by the browser and sent with its next logins: they are then not held back by the account back-off. */
  deviceToken: string;
}

const SUBJECT = 'trader';

async function pair(deps: SessionDeps, config: SessionConfig, family?: string): Promise<TokenPair> {
  const now = deps.clock.now();
  const refresh = deps.tokens.issue(SUBJECT, 'refresh', now, config.refreshTtlSeconds, family);
  const access = deps.tokens.issue(SUBJECT, 'access', now, config.accessTtlSeconds, refresh.claims.fam);
  await deps.refresh.add(refresh.claims.jti, config.refreshTtlSeconds);
  return { accessToken: access.token, refreshToken: refresh.token, expiresIn: config.accessTtlSeconds };
}

function tooMany(message: string, retryAfterMs: number): AppError {
  const seconds = Number.isFinite(retryAfterMs) ? Math.max(1, Math.ceil(retryAfterMs / 1000)) : 60;
  return new AppError('RATE_LIMITED', `${message}; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/**
 * Logs the trader in. Throttled before the (deliberately slow) password check, so a flood costs no CPU:
 * per client address (the platform's, see clientAddress) and, for browsers that never logged in here,
 * account-wide. A browser that logged in before presents its device token and is throttled on its own
 * bucket only, so the owner can still log in while wrong passwords from elsewhere are refused.
 */
export async function login(deps: SessionDeps, config: SessionConfig, password: string, clientId: string, deviceToken?: string): Promise<LoginResult> {
  const now = deps.clock.now();
  const device = deviceToken ? deps.tokens.verify(deviceToken, 'device', now) : null;
  const perClient: BucketSpec = { capacity: config.loginsPerMinute, refillPerSecond: config.loginsPerMinute / 60 };
  const account: BucketSpec = { capacity: config.accountBurst, refillPerSecond: config.accountRefillPerMinute / 60 };
  const own = await deps.limiter.take(device ? `login:device:${device.jti}` : `login:client:${clientId}`, perClient);
  if (!own.allowed) throw tooMany('Too many login attempts', own.retryAfterMs);
  if (!device) {
    const shared = await deps.limiter.take('login:account', account);
    if (!shared.allowed) throw tooMany('Too many failed logins to this account from new browsers (a browser that logged in before is not held back)', shared.retryAfterMs);
  }
  if (!(await deps.verifyPassword(password, deps.passwordHash))) {
    // A trusted browser's failures still count against the account (they cannot make it trusted again).
    if (device) await deps.limiter.take('login:account', account);
    throw new AppError('UNAUTHORIZED', 'Wrong password');
  }
  const tokens = await pair(deps, config);
  const nextDevice = device ? deviceToken! : deps.tokens.issue(SUBJECT, 'device', now, config.deviceTtlSeconds).token;
  return { ...tokens, deviceToken: nextDevice };
}

const EXPIRED = 'The session has expired; log in again';

/**
 * Trades a live refresh token for a new pair (the old refresh token stops working). A refresh token
 * presented twice means it was copied: the whole login (its successors and access tokens) is revoked.
 */
export async function refreshSession(deps: SessionDeps, config: SessionConfig, refreshToken: string): Promise<TokenPair> {
  const claims = deps.tokens.verify(refreshToken, 'refresh', deps.clock.now());
  if (!claims || (await deps.refresh.isRevoked(claims.fam))) throw new AppError('UNAUTHORIZED', EXPIRED);
  if (!(await deps.refresh.consume(claims.jti))) {
    await deps.refresh.revokeFamily(claims.fam, config.refreshTtlSeconds);
    throw new AppError('UNAUTHORIZED', 'This refresh token was already used; every session of that login is now ended, log in again');
  }
  return pair(deps, config, claims.fam);
}

/** Ends the login: its refresh token and every access token issued with it stop working at once. */
export async function logout(deps: SessionDeps, config: SessionConfig, refreshToken: string): Promise<void> {
  const claims = deps.tokens.verify(refreshToken, 'refresh', deps.clock.now());
  if (!claims) return;
  await deps.refresh.consume(claims.jti);
  await deps.refresh.revokeFamily(claims.fam, config.refreshTtlSeconds);
}

const UNAUTHENTICATED = 'Log in first (a valid bearer token is required)';

/** The principal of a request's bearer access token, or an UNAUTHORIZED error (signature and expiry only). */
export function authenticate(tokens: TokenService, clock: Clock, authorization: string | undefined): { subject: string; family: string } {
  const token = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7) : undefined;
  const claims = token ? tokens.verify(token, 'access', clock.now()) : null;
  if (!claims) throw new AppError('UNAUTHORIZED', UNAUTHENTICATED);
  return { subject: claims.sub, family: claims.fam };
}

/** As authenticate, and refused once the login was ended (logout or a replayed refresh token). */
export async function authenticateSession(tokens: TokenService, refresh: RefreshRegistry, clock: Clock, authorization: string | undefined): Promise<{ subject: string; family: string }> {
  const principal = authenticate(tokens, clock, authorization);
  if (await refresh.isRevoked(principal.family)) throw new AppError('UNAUTHORIZED', UNAUTHENTICATED);
  return principal;
}

/**
 * The caller's address as the platform established it. DigitalOcean documents `x-forwarded-for` as the
 * client's address; a client may send its own header, which a forwarding proxy keeps and appends to, so
 * only the right-most entry (written by the last proxy, the platform's) is trusted.
 */
export function clientAddress(headers: Record<string, string | undefined>): string {
  const entries = (headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return entries.at(-1)?.slice(0, 64) ?? 'unknown';
}
