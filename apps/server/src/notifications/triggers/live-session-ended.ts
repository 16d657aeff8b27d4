// A live session ended: tell everyone who joined it.
import type { Tx } from '../../db/transaction.ts';
import type { NotificationService } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export function notifyLiveSessionEnded(
  tx: Tx,
  notifications: NotificationService,
  session: { id: number; webinarId: number; webinarTitle: string },
) {
  return notifications.createBulk(tx, {
    type: 'live_ended',
    title: notificationTitle('Session ended: ', session.webinarTitle),
    content: `The live session of "${session.webinarTitle}" has ended. Thank you for joining!`,
    webinarId: session.webinarId,
    recipients: { sessionParticipants: session.id },
    idempotencyKey: `live_ended:${session.webinarId}:${session.id}`,
  });
}
