import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  sub: string;
  typ: 'access' | 'refresh';
  /** Issued at and expiry, epoch seconds. */
  iat: number;
  exp: number;
  jti: string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Short-lived HMAC-SHA256 signed tokens (`<claims>.<signature>`, base64url). */
export class TokenSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('AUTH_TOKEN_SECRET must be at least 32 characters');
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  /** Issues a token for `sub` valid `ttlSeconds` from `nowMs`. */
  issue(sub: string, typ: TokenClaims['typ'], nowMs: number, ttlSeconds: number): { token: string; claims: TokenClaims } {
    const iat = Math.floor(nowMs / 1000);
    const claims: TokenClaims = { sub, typ, iat, exp: iat + ttlSeconds, jti: randomBytes(12).toString('base64url') };
    const body = b64(JSON.stringify(claims));
    return { token: `${body}.${this.sign(body)}`, claims };
  }

  /** The claims of a valid, unexpired token of the given type, or null. */
  verify(token: string, typ: TokenClaims['typ'], nowMs: number): TokenClaims | null {
    const [body, sig] = token.split('.');
    if (!body || !sig) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return null;
    }
    if (claims.typ !== typ || typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return null;
    return claims;
  }
}
