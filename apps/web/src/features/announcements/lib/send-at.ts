// The checks the API makes of a schedule's time, made in the form first so a past time is
// refused under its field before anything is sent.
import { ANNOUNCEMENT_MAX_LEAD_DAYS } from '@webinar/contracts';

const DAY_MS = 86_400_000;

/** What is wrong with a "Send at" (an <input type="datetime-local"> value), or null. */
export function sendAtError(value: string, now = Date.now()): string | null {
  if (!value) return 'is required to schedule';
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return 'is not a valid date and time';
  if (time <= now) return 'must be in the future';
  if (time > now + ANNOUNCEMENT_MAX_LEAD_DAYS * DAY_MS)
    return `must be at most ${ANNOUNCEMENT_MAX_LEAD_DAYS} days ahead`;
  return null;
}

/** The browser's time zone, which a datetime-local value is read in ("Europe/Paris"). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
