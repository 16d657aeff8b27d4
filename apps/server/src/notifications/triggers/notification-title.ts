// A notification's title names the webinar it is about, and a webinar's title may use every one of
// the 200 characters the notifications.title column holds. "Live now: " plus such a title would
// not fit, and the failed insert would roll back the action that raised it (a webinar that could
// never go live, end or get a recording, and a reminder check that stopped at it). So the title
// is shortened to fit, counting characters as PostgreSQL does (code points).
import { MAX_NOTIFICATION_TITLE } from '@webinar/contracts';

export function notificationTitle(prefix: string, webinarTitle: string): string {
  const title = `${prefix}${webinarTitle}`;
  const chars = Array.from(title);
  if (chars.length <= MAX_NOTIFICATION_TITLE) return title;
  return `${chars.slice(0, MAX_NOTIFICATION_TITLE - 1).join('')}…`;
}
