// An admin's system message to one user, a role or everyone (API, admin panel, command line).
import type { Tx } from '../../db/transaction.ts';
import type { NotificationService, Recipients } from '../notifications.service.ts';

export function notifySystemMessage(
  tx: Tx,
  notifications: NotificationService,
  message: { title: string; content: string; recipients: Recipients; idempotencyKey?: string },
) {
  return notifications.createBulk(tx, { type: 'system', ...message });
}
