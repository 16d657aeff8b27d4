// A webinar starts soon: remind its approved registrants. The scheduler names exactly who is due
// (each registrant once per window); an admin can also send one by hand.
import type { Tx } from '../../db/transaction.ts';
import type { NotificationService } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export type ReminderWindow = '24h' | '1h';

const WHEN: Record<ReminderWindow, string> = { '24h': 'tomorrow', '1h': 'in one hour' };

export function notifyUpcomingWebinar(
  tx: Tx,
  notifications: NotificationService,
  reminder: {
    webinarId: number;
    webinarTitle: string;
    window: ReminderWindow | 'manual';
    userIds?: readonly number[];
    idempotencyKey?: string;
  },
) {
  const when = reminder.window === 'manual' ? 'soon' : WHEN[reminder.window];
  return notifications.createBulk(tx, {
    type: 'upcoming_webinar',
    title: notificationTitle(`Starting ${when}: `, reminder.webinarTitle),
    content: `"${reminder.webinarTitle}" starts ${when}. See you there!`,
    webinarId: reminder.webinarId,
    recipients: reminder.userIds ? { userIds: reminder.userIds } : { webinarRegistrants: reminder.webinarId },
    ...(reminder.idempotencyKey ? { idempotencyKey: reminder.idempotencyKey } : {}),
  });
}
