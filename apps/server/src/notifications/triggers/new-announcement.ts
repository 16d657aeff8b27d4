// An admin made an announcement: tell every user but its author, once (editing it later does
// not notify again: the key names the announcement).
import type { NewNotifications } from '../notifications.service.ts';

export function newAnnouncementNotification(announcement: {
  id: number;
  title: string;
  content: string;
  authorId: number;
}): NewNotifications {
  return {
    type: 'announcement',
    title: announcement.title,
    content: announcement.content,
    recipients: { everyone: true },
    excludeUserIds: [announcement.authorId],
    idempotencyKey: `announcement:${announcement.id}`,
  };
}
