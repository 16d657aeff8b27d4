// Bearer tokens for API clients, shaped like djangorestframework-simplejwt's: a short-lived
// access token and a longer refresh token, HS256-signed, told apart by their `token_type` claim.
import { randomUUID } from 'node:crypto';
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

export function createTokenService(
  secret: string,
  ttlSeconds: Record<TokenType, number>,
  clock: Clock,
): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(userId, role, type) {
      const now = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT({ token_type: type, user_id: userId, role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds[type])
        .setJti(randomUUID())
        .sign(key);
    },
    async verify(token, type) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          currentDate: clock.now(),
          requiredClaims: ['exp', 'iat', 'jti'],
        });
        const userId = payload.user_id;
        if (payload.token_type !== type || typeof userId !== 'number' || !Number.isSafeInteger(userId))
          return null;
        if (typeof payload.role !== 'string' || !ROLES.has(payload.role)) return null;
        return { userId, role: payload.role as Role, type };
      } catch (error) {
        if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
        throw error;
      }
    },
  };
}
