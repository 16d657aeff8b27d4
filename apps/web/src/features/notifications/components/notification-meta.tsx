import type { Notification } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';

/**
 * The type label and relative date under a notification: "Live Started · 5 minutes ago". Slate-600
 * and darker: slate-500 falls under 4.5:1 on the pink of unread rows.
 */
export function NotificationMeta({ notification, now }: { notification: Notification; now: Date }) {
  const { t } = useTranslation();
  return (
    <span className="flex flex-wrap items-center gap-x-1.5 text-xs text-slate-600">
      <span className="font-medium text-slate-700">
        {t(`notificationType.${notification.notification_type}`)}
      </span>
      <span aria-hidden>·</span>
      <time dateTime={notification.created_at} title={formatDateTime(notification.created_at)}>
        {formatRelative(notification.created_at, now)}
      </time>
    </span>
  );
}

/** Where a notification leads: its webinar, or the full list when it has none. */
export function notificationTarget(notification: Notification): string {
  return notification.related_webinar ? `/webinars/${notification.related_webinar.id}` : '/notifications';
}
