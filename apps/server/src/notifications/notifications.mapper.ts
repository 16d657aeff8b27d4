// The one place that decides what a notification looks like on the wire.
import { type Notification, notificationActions } from '@webinar/contracts';
import type { NotificationWithWebinar } from './notifications.repository.ts';

export function toNotification(row: NotificationWithWebinar): Notification {
  const webinar =
    row.webinar_id === null
      ? null
      : { id: row.webinar_id, title: row.webinar_title ?? '', status: row.webinar_status ?? 'scheduled' };
  return {
    id: row.id,
    notification_type: row.notification_type,
    title: row.title,
    content: row.content,
    related_webinar: webinar,
    // A row covered by a read mark (migration 0006) was read when the mark was made.
    is_read: row.is_read || row.marked_at !== null,
    read_at: (row.read_at ?? row.marked_at)?.toISOString() ?? null,
    archived_at: row.archived_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    actions: notificationActions(row.notification_type, webinar),
  };
}
