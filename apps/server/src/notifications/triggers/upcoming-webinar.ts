// A webinar starts soon: remind its approved registrants. The scheduler names exactly who is due
// (each registrant once per window of the current start time); an admin can also send one by hand.
// The text says when relative to the moment it is sent, in UTC since users have no time zone yet.
import type { NewNotifications } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export type ReminderWindow = '24h' | '1h';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "in 45 minutes", "in 3 hours", "today at 21:30 UTC", "tomorrow at 15:00 UTC", "on 2026-12-24 at 09:00 UTC". */
export function startsWhen(startsAt: Date, now: Date): string {
  const ahead = startsAt.getTime() - now.getTime();
  if (ahead < MINUTE / 2) return 'now';
  const minutes = Math.round(ahead / MINUTE);
  if (minutes < 60) return `in ${plural(minutes, 'minute')}`;
  if (ahead < 12 * HOUR) return `in ${plural(Math.round(ahead / HOUR), 'hour')}`;
  const at = `at ${startsAt.toISOString().slice(11, 16)} UTC`;
  const days = Math.floor(startsAt.getTime() / DAY) - Math.floor(now.getTime() / DAY);
  if (days === 0) return `today ${at}`;
  if (days === 1) return `tomorrow ${at}`;
  return `on ${startsAt.toISOString().slice(0, 10)} ${at}`;
}

export function upcomingWebinarNotification(reminder: {
  webinarId: number;
  webinarTitle: string;
  startsAt: Date;
  now: Date;
  userIds?: readonly number[];
  idempotencyKey?: string;
}): NewNotifications {
  const when = startsWhen(reminder.startsAt, reminder.now);
  // Relative times are rounded: the content also gives the exact one.
  const exactly = /^in /.test(when) ? ` (${reminder.startsAt.toISOString().slice(11, 16)} UTC)` : '';
  return {
    type: 'upcoming_webinar',
    title: notificationTitle(`Starting ${when}: `, reminder.webinarTitle),
    content: `"${reminder.webinarTitle}" starts ${when}${exactly}. See you there!`,
    webinarId: reminder.webinarId,
    params: { webinar_title: reminder.webinarTitle, starts_at: reminder.startsAt.toISOString() },
    recipients: reminder.userIds ? { userIds: reminder.userIds } : { webinarRegistrants: reminder.webinarId },
    ...(reminder.idempotencyKey ? { idempotencyKey: reminder.idempotencyKey } : {}),
  };
}
