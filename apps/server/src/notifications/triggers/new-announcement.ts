// An admin made an announcement: tell every user but its author, once (editing it later does
// not notify again: the key names the announcement).
import type { Tx } from '../../db/transaction.ts';
import type { NotificationService } from '../notifications.service.ts';

export function notifyNewAnnouncement(
  tx: Tx,
  notifications: NotificationService,
  announcement: { id: number; title: string; content: string; authorId: number },
) {
  return notifications.createBulk(tx, {
    type: 'announcement',
    title: announcement.title,
    content: announcement.content,
    recipients: { everyone: true },
    excludeUserIds: [announcement.authorId],
    idempotencyKey: `announcement:${announcement.id}`,
  });
}
