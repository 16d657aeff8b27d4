// Bearer tokens for API clients, shaped like djangorestframework-simplejwt's: a short-lived
// access token and a longer refresh token, HS256-signed, told apart by their `token_type` claim.
import { randomUUID, webcrypto } from 'node:crypto';
import type { Role } from '@webinar/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../clock.ts';

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  userId: number;
  role: Role;
  type: TokenType;
}

export interface TokenService {
  issue(userId: number, role: Role, type: TokenType): Promise<string>;
  /** The claims of a valid token of that type, or null (bad signature, expired, wrong type, ...). */
  verify(token: string, type: TokenType): Promise<TokenClaims | null>;
}

const ROLES = new Set<string>(['student', 'host', 'admin']);

/**
 * Verified tokens are remembered until they expire: checking an HMAC signature costs ~50 µs,
 * a lookup well under one, and the same token comes back on every request of a client. Only
 * tokens that verified are kept, keyed by their exact text, so nothing unverified is trusted.
 */
const VERIFIED_CACHE_SIZE = 20_000;

export function createTokenService(
  secret: string,
  ttlSeconds: Record<TokenType, number>,
  clock: Clock,
): TokenService {
  // Imported once: given the raw bytes, jose imports a key on every call (~40% of a verify).
  const key = webcrypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const verified = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();
  return {
    async issue(userId, role, type) {
      const now = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT({ token_type: type, user_id: userId, role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds[type])
        .setJti(randomUUID())
        .sign(await key);
    },
    async verify(token, type) {
      const known = verified.get(token);
      if (known) {
        if (clock.now().getTime() < known.expiresAtMs)
          return known.claims.type === type ? known.claims : null;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, await key, {
          algorithms: ['HS256'],
          currentDate: clock.now(),
          requiredClaims: ['exp', 'iat', 'jti'],
        });
        const userId = payload.user_id;
        if (payload.token_type !== type || typeof userId !== 'number' || !Number.isSafeInteger(userId))
          return null;
        if (typeof payload.role !== 'string' || !ROLES.has(payload.role)) return null;
        const claims: TokenClaims = { userId, role: payload.role as Role, type };
        // The oldest entry goes first when full (a Map keeps insertion order).
        if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
        verified.set(token, { claims, expiresAtMs: (payload.exp ?? 0) * 1000 });
        return claims;
      } catch (error) {
        if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
        throw error;
      }
    },
  };
}
