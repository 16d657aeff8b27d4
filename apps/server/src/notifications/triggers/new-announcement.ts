// An admin's announcement went out (when it was made, or at its scheduled time): tell every user
// but its author, once (the key names the announcement).
import type { NewNotifications } from '../notifications.service.ts';

export function newAnnouncementNotification(announcement: {
  id: number;
  title: string;
  content: string;
  /** Null when the author's account was deleted before a scheduled one went out. */
  authorId: number | null;
}): NewNotifications {
  return {
    type: 'announcement',
    title: announcement.title,
    content: announcement.content,
    params: { announcement_id: announcement.id },
    recipients: { everyone: true },
    excludeUserIds: announcement.authorId === null ? [] : [announcement.authorId],
    idempotencyKey: `announcement:${announcement.id}`,
  };
}
