// A host or admin approved a registration: tell that user.
import type { Tx } from '../../db/transaction.ts';
import type { NotificationService } from '../notifications.service.ts';

export function notifyRegistrationApproved(
  tx: Tx,
  notifications: NotificationService,
  registration: { id: number; userId: number; webinarId: number; webinarTitle: string },
) {
  return notifications.createBulk(tx, {
    type: 'registration_approved',
    title: 'Registration approved',
    content: `You are registered for "${registration.webinarTitle}".`,
    webinarId: registration.webinarId,
    recipients: { userIds: [registration.userId] },
    idempotencyKey: `registration_approved:${registration.id}`,
  });
}
