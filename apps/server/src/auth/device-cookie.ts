// The device cookie (OWASP's "device cookie" against password guessing): a client that signed in
// successfully as a user gets a signed, long-lived cookie naming that user, and is then counted on
// its own instead of against the user's limit (see sign-in-limit.ts). A guesser from elsewhere
// can use up the user's limit, never the owner's devices.
//
// The value is `<username, base64url>.<device id>.<expiry, unix seconds>.<HMAC of the rest>`.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'sign_in_device';
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 86400;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`device:${payload}`).digest('base64url');
}

export function issueDeviceCookie(secret: string, username: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + DEVICE_COOKIE_MAX_AGE_SECONDS;
  const payload = `${Buffer.from(username).toString('base64url')}.${randomBytes(12).toString('base64url')}.${expires}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The device's id when `value` is an unexpired device cookie of `username` signed with `secret`. */
export function deviceIdFor(
  secret: string,
  value: string | undefined,
  username: string,
  now: Date,
): string | undefined {
  const parts = value?.split('.');
  if (parts?.length !== 4) return undefined;
  const [user, id, expires, signature] = parts as [string, string, string, string];
  const payload = `${user}.${id}.${expires}`;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (Buffer.from(user, 'base64url').toString() !== username) return undefined;
  if (!(Number(expires) > now.getTime() / 1000)) return undefined;
  return id;
}
