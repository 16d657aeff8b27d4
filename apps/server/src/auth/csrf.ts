// CSRF protection for cookie sessions: a signed double-submit token. The token is an HMAC of the
// session token, set in a readable cookie and echoed by the web app in the X-CSRF-Token header.
// Another site can neither read the cookie nor compute the HMAC, and a token minted for one
// session is worthless for any other. Bearer requests carry no ambient credential and need none.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function isValidCsrfToken(
  secret: string,
  sessionToken: string,
  presented: string | undefined,
): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
