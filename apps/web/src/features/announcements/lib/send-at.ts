// The checks the API makes of a schedule's time, made in the form first so a past time is
// refused under its field before anything is sent.
import { ANNOUNCEMENT_MAX_LEAD_DAYS } from '@webinar/contracts';
import { i18n } from '../../../lib/i18n.ts';

const DAY_MS = 86_400_000;

/** What is wrong with a "Send at" (an <input type="datetime-local"> value), or null. */
export function sendAtError(value: string, now = Date.now()): string | null {
  if (!value) return i18n.t('announcements:sendAt.required');
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return i18n.t('announcements:sendAt.invalid');
  if (time <= now) return i18n.t('announcements:sendAt.past');
  if (time > now + ANNOUNCEMENT_MAX_LEAD_DAYS * DAY_MS)
    return i18n.t('announcements:sendAt.tooFar', { count: ANNOUNCEMENT_MAX_LEAD_DAYS });
  return null;
}

/** The browser's time zone, which a datetime-local value is read in ("Europe/Paris"). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
