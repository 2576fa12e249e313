/** Issues and checks tokens (HMAC in production); kept as a port so the use case stays testable. */
export interface TokenService {
  issue(sub: string, typ: 'access' | 'refresh', nowMs: number, ttlSeconds: number): { token: string; claims: { jti: string; exp: number } };
  verify(token: string, typ: 'access' | 'refresh', nowMs: number): { sub: string; jti: string; exp: number } | null;
}

/** Live refresh tokens (Redis), so a refresh token works once and logout revokes it. */
export interface RefreshRegistry {
  add(jti: string, ttlSeconds: number): Promise<void>;
  /** Removes and reports whether it was live. */
  consume(jti: string): Promise<boolean>;
}
