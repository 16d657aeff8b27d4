// Bearer tokens for API clients, shaped like djangorestframework-simplejwt's: a short-lived
// access token and a longer refresh token, HS256-signed, told apart by their `token_type` claim.
//
// fast-jwt (the library under @fastify/jwt) signs and checks them with node:crypto's HMAC, in the
// calling thread; jose 6 goes through WebCrypto, a job on the thread pool per check, several times
// the CPU (docs/architecture.md, Tokens).
import { randomUUID } from 'node:crypto';
import type { Role } from '@webinar/contracts';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import type { Clock } from '../clock.ts';
import { VerifiedTokenCache } from './verified-token-cache.ts';

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  userId: number;
  /** The role when the token was issued; the user's current role is what counts (authenticate.ts). */
  role: Role;
  type: TokenType;
  /** The user's auth_version at issue: a password change or deletion raises it (migration 0008). */
  authVersion: number;
  expiresAtMs: number;
}

export interface TokenService {
  /** `authVersion` is the user's `auth_version` column. */
  issue(userId: number, role: Role, type: TokenType, authVersion: number): Promise<string>;
  /** The claims of a valid token of that type, or null (bad signature, expired, wrong type, ...). */
  verify(token: string, type: TokenType): Promise<TokenClaims | null>;
}

const ROLES = new Set<string>(['student', 'host', 'admin']);

/**
 * Verified tokens are remembered (10,000 to 20,000 of them, see verified-token-cache.ts) and
 * trusted until they expire: a lookup costs well under a microsecond, and the same token comes
 * back on every request of a client. Only tokens that verified are kept, keyed by their exact
 * text, so nothing unverified is trusted.
 */
const VERIFIED_GENERATION_SIZE = 10_000;

export function createTokenService(
  secret: string,
  ttlSeconds: Record<TokenType, number>,
  clock: Clock,
): TokenService {
  // Times come from `clock` (tests move it), so the claims are set and checked here rather than
  // by the library, which would read the system clock.
  const sign = createSigner({ key: secret, algorithm: 'HS256' });
  const checkSignature = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    requiredClaims: ['exp', 'iat', 'jti'],
    ignoreExpiration: true,
  });
  const verified = new VerifiedTokenCache<TokenClaims>(VERIFIED_GENERATION_SIZE);

  function claimsOf(token: string, type: TokenType): TokenClaims | null {
    let payload: Record<string, unknown>;
    try {
      payload = checkSignature(token);
    } catch (error) {
      if (error instanceof TokenError) return null;
      throw error;
    }
    const { exp, iat, user_id: userId, role, ver = 0 } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number' || typeof payload.jti !== 'string') return null;
    if (exp * 1000 <= clock.now().getTime()) return null;
    if (payload.token_type !== type || typeof userId !== 'number' || !Number.isSafeInteger(userId))
      return null;
    if (typeof role !== 'string' || !ROLES.has(role)) return null;
    // Tokens from before versions existed have none: they belong to version 0.
    if (typeof ver !== 'number' || !Number.isSafeInteger(ver)) return null;
    return { userId, role: role as Role, type, authVersion: ver, expiresAtMs: exp * 1000 };
  }

  return {
    async issue(userId, role, type, authVersion) {
      const now = Math.floor(clock.now().getTime() / 1000);
      return sign({
        token_type: type,
        user_id: userId,
        role,
        ver: authVersion,
        iat: now,
        exp: now + ttlSeconds[type],
        jti: randomUUID(),
      });
    },
    async verify(token, type) {
      const known = verified.get(token);
      // An expired one is checked again below, and refused there.
      if (known && clock.now().getTime() < known.expiresAtMs) return known.type === type ? known : null;
      const checked = claimsOf(token, type);
      if (!checked) return null;
      verified.set(token, checked);
      return checked;
    },
  };
}
