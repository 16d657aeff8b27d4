// A webinar's live session started: tell every approved registrant.
import type { Tx } from '../../db/transaction.ts';
import type { NotificationService } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export function notifyLiveSessionStarted(
  tx: Tx,
  notifications: NotificationService,
  session: { id: number; webinarId: number; webinarTitle: string },
) {
  return notifications.createBulk(tx, {
    type: 'live_started',
    title: notificationTitle('Live now: ', session.webinarTitle),
    content: `"${session.webinarTitle}" has started. Join the live session!`,
    webinarId: session.webinarId,
    recipients: { webinarRegistrants: session.webinarId },
    idempotencyKey: `live_started:${session.webinarId}:${session.id}`,
  });
}
