// What a contact setting may be: an address a mail server can be handed and an IANA time zone.
// Each check returns the cleaned value or throws a 400 naming the field.
import { AppError } from '../app-error.ts';

/** RFC 5321 limits a path to 256 octets, two of them the angle brackets. */
const MAX_EMAIL_LENGTH = 254;
// One @ with text on both sides; no whitespace or control characters, which a mail header would
// split on or smuggle through. Whether the mailbox exists only its link can tell.
const EMAIL = /^[^@\s\p{Cc}]+@[^@\s\p{Cc}]+$/u;

function invalid(field: string, message: string): AppError {
  return new AppError('validation_error', 'The request is invalid.', { [field]: message });
}

/** The address trimmed; '' means none. */
export function cleanEmail(raw: string): string {
  const email = raw.trim();
  if (email === '') return '';
  if (email.length > MAX_EMAIL_LENGTH)
    throw invalid('email', `must be at most ${MAX_EMAIL_LENGTH} characters`);
  if (!EMAIL.test(email))
    throw invalid('email', 'must be an email address like name@example.com, without spaces');
  return email;
}

/** The zone's canonical IANA name (`europe/paris` is `Europe/Paris`). */
export function cleanTimeZone(raw: string): string {
  // Intl also takes UTC offsets ("+02:00"); they are no zone: they ignore daylight saving time.
  if (!/^[A-Za-z]/.test(raw)) throw notAZone();
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw notAZone();
  }
}

function notAZone(): AppError {
  return invalid('time_zone', 'must be an IANA time zone name, such as Europe/Paris or UTC');
}
