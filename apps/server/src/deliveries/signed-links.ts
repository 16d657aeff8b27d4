// The tokens in the links an email carries: "confirm this address" and "stop these emails". Each
// is signed with a secret of its own purpose, names its user, and expires, so a link works only
// for what it was sent for, only for whom, and not forever. Times come from the clock (tests move it).
import type { NotificationType } from '@webinar/contracts';
import { isNotificationType } from '@webinar/contracts';
import { createSigner, createVerifier } from 'fast-jwt';
import type { Clock } from '../clock.ts';
import { deriveSecret } from '../secrets.ts';

/** A verification link is for the day it was asked for. */
export const VERIFICATION_TTL_SECONDS = 24 * 60 * 60;
/** An unsubscribe link works for 60 days after its email, as mail clients keep it that long. */
export const UNSUBSCRIBE_TTL_SECONDS = 60 * 24 * 60 * 60;

export interface VerificationClaims {
  userId: number;
  email: string;
}

export interface UnsubscribeClaims {
  userId: number;
  type: NotificationType;
}

export interface SignedLinks {
  verification(claims: VerificationClaims): string;
  readVerification(token: string): VerificationClaims | null;
  unsubscribe(claims: UnsubscribeClaims): string;
  readUnsubscribe(token: string): UnsubscribeClaims | null;
}

export function createSignedLinks(secret: string, clock: Clock): SignedLinks {
  const purposes = {
    verify_email: tokenKind(deriveSecret(secret, 'email verification link')),
    unsubscribe: tokenKind(deriveSecret(secret, 'email unsubscribe link')),
  };

  function tokenKind(key: string) {
    const sign = createSigner({ key, algorithm: 'HS256' });
    const verify = createVerifier({ key, algorithms: ['HS256'], ignoreExpiration: true });
    return {
      sign(claims: Record<string, unknown>, ttlSeconds: number): string {
        const now = Math.floor(clock.now().getTime() / 1000);
        return sign({ ...claims, iat: now, exp: now + ttlSeconds });
      },
      /** The claims of an intact, unexpired token; null for anything else. */
      read(token: string): Record<string, unknown> | null {
        try {
          const claims = verify(token) as Record<string, unknown>;
          const exp = claims.exp;
          if (typeof exp !== 'number' || exp * 1000 <= clock.now().getTime()) return null;
          return claims;
        } catch {
          return null;
        }
      },
    };
  }

  function userIdOf(claims: Record<string, unknown>): number | null {
    return Number.isSafeInteger(claims.sub) && (claims.sub as number) > 0 ? (claims.sub as number) : null;
  }

  return {
    verification: ({ userId, email }) =>
      purposes.verify_email.sign({ sub: userId, email }, VERIFICATION_TTL_SECONDS),
    readVerification(token) {
      const claims = purposes.verify_email.read(token);
      const userId = claims && userIdOf(claims);
      if (!claims || !userId || typeof claims.email !== 'string') return null;
      return { userId, email: claims.email };
    },
    unsubscribe: ({ userId, type }) =>
      purposes.unsubscribe.sign({ sub: userId, type }, UNSUBSCRIBE_TTL_SECONDS),
    readUnsubscribe(token) {
      const claims = purposes.unsubscribe.read(token);
      const userId = claims && userIdOf(claims);
      if (!claims || !userId || !isNotificationType(claims.type)) return null;
      return { userId, type: claims.type };
    },
  };
}
