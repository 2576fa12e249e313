export type TokenType = 'access' | 'refresh' | 'device';

/** Issues and checks tokens (HMAC in production); kept as a port so the use case stays testable. */
export interface TokenService {
  issue(sub: string, typ: TokenType, nowMs: number, ttlSeconds: number, family?: string): { token: string; claims: { jti: string; exp: number; fam: string } };
  verify(token: string, typ: TokenType, nowMs: number): { sub: string; jti: string; exp: number; fam: string } | null;
}

/**
 * Live refresh tokens (Redis), so a refresh token works once and logout revokes it; and revoked login
 * families, so a replayed refresh token ends every token of its login (access tokens included).
 */
export interface RefreshRegistry {
  add(jti: string, ttlSeconds: number): Promise<void>;
  /** Removes and reports whether it was live. */
  consume(jti: string): Promise<boolean>;
  revokeFamily(family: string, ttlSeconds: number): Promise<void>;
  isRevoked(family: string): Promise<boolean>;
}
