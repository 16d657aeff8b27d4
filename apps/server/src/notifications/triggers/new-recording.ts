// A recording was added to a webinar: tell every approved registrant.
import type { Tx } from '../../db/transaction.ts';
import type { NotificationService } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export function notifyNewRecording(
  tx: Tx,
  notifications: NotificationService,
  recording: { id: number; title: string; webinarId: number; webinarTitle: string },
) {
  return notifications.createBulk(tx, {
    type: 'new_recording',
    title: notificationTitle('New recording: ', recording.webinarTitle),
    content: `"${recording.title}" from "${recording.webinarTitle}" is now available.`,
    webinarId: recording.webinarId,
    recipients: { webinarRegistrants: recording.webinarId },
    idempotencyKey: `new_recording:${recording.id}`,
  });
}
