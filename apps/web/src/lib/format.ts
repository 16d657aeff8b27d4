// Dates and counts as people read them: dates and relative times in the browser's language and
// time zone (Intl), whatever the language of the interface's own texts.
import { i18n } from './i18n.ts';

const LOCALE =
  typeof navigator === 'undefined' ? 'en' : (navigator.languages?.[0] ?? navigator.language ?? 'en');

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday", "in 2 hours"; under a minute, "just now" ("jetzt" in German). */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  // Intl's English "now" reads oddly; the catalogue's word serves when dates share its language.
  const sameLanguage = LOCALE.toLowerCase().split('-')[0] === i18n.language;
  return sameLanguage ? i18n.t('justNow') : relative.format(0, 'second');
}

/** "Nov 25, 2026, 4:50 PM" in the browser's time zone. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** An ISO instant as the value of an <input type="datetime-local"> (local time, minutes). */
export function toDateTimeLocal(iso: string): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The value of an <input type="datetime-local"> (local time) as an ISO instant. */
export function fromDateTimeLocal(value: string): string {
  return new Date(value).toISOString();
}

/** What an action that raised notifications reports: "3 users notified". */
export function notifiedMessage(notified: number): string {
  return i18n.t('usersNotified', { count: notified });
}
