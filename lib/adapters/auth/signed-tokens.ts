import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenType = 'access' | 'refresh' | 'device';

export interface TokenClaims {
  sub: string;
  typ: TokenType;
  /** Issued at and expiry, epoch seconds. */
  iat: number;
  exp: number;
  jti: string;
  /** The login this token descends from (every access and refresh token of one login share it). */
  fam: string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const SEGMENT = /^[A-Za-z0-9_-]+$/;

function isClaims(v: unknown): v is TokenClaims {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    typeof c.typ === 'string' &&
    typeof c.jti === 'string' &&
    typeof c.fam === 'string' &&
    Number.isFinite(c.iat) &&
    Number.isFinite(c.exp)
  );
}

/** Short-lived HMAC-SHA256 signed tokens (`<claims>.<signature>`, base64url). */
export class TokenSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('AUTH_TOKEN_SECRET must be at least 32 characters');
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  /** Issues a token for `sub` valid `ttlSeconds` from `nowMs`, in `family` (a new one when omitted). */
  issue(sub: string, typ: TokenType, nowMs: number, ttlSeconds: number, family?: string): { token: string; claims: TokenClaims } {
    const iat = Math.floor(nowMs / 1000);
    const jti = randomBytes(12).toString('base64url');
    const claims: TokenClaims = { sub, typ, iat, exp: iat + ttlSeconds, jti, fam: family ?? jti };
    const body = b64(JSON.stringify(claims));
    return { token: `${body}.${this.sign(body)}`, claims };
  }

  /** The claims of a valid, unexpired token of the given type, or null (never throws). */
  verify(token: string, typ: TokenType, nowMs: number): TokenClaims | null {
    if (typeof token !== 'string' || token.length > 4096) return null;
    const parts = token.split('.');
    if (parts.length !== 2) return null;
    const [body, sig] = parts as [string, string];
    if (!SEGMENT.test(body) || !SEGMENT.test(sig)) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isClaims(claims) || claims.typ !== typ || claims.exp * 1000 <= nowMs) return null;
    return claims;
  }
}
