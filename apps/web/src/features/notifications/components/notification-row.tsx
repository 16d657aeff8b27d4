// One row of the notifications page. The whole row opens the notification, as in the bell (the
// title is a button stretched over the row); its own buttons sit above that.
import type { Notification } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { cn } from '../../../lib/cn.ts';
import { NotificationActions } from './notification-actions.tsx';
import { NotificationMeta } from './notification-meta.tsx';

interface NotificationRowProps {
  notification: Notification;
  now: Date;
  onOpen: () => void;
  onToggleRead: () => void;
  /** Archives it, or restores it when it is archived. */
  onToggleArchived: () => void;
  onDelete: () => void;
  /** One of its actions was followed. */
  onFollowAction: () => void;
}

export function NotificationRow({
  notification,
  now,
  onOpen,
  onToggleRead,
  onToggleArchived,
  onDelete,
  onFollowAction,
}: NotificationRowProps) {
  const { t } = useTranslation(['notifications', 'common']);
  const unread = !notification.is_read;
  const archived = notification.archived_at !== null;
  return (
    <li
      data-unread={String(unread)}
      className={cn(
        'relative flex gap-3 px-4 py-4 transition-colors sm:px-6',
        unread ? 'bg-pink-50 hover:bg-pink-100' : 'bg-white hover:bg-slate-50',
      )}
    >
      <span
        aria-hidden
        className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-pink-500' : 'bg-transparent')}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1 space-y-1">
          <p className={cn('text-sm wrap-anywhere text-slate-900', unread ? 'font-semibold' : 'font-medium')}>
            <button
              type="button"
              onClick={onOpen}
              className="text-left after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-indigo-600"
            >
              {notification.title}
              {unread ? <span className="sr-only"> {t('unreadMarker')}</span> : null}
            </button>
          </p>
          <p className="text-sm wrap-anywhere whitespace-pre-line text-slate-700">{notification.content}</p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <NotificationMeta notification={notification} now={now} />
            {notification.related_webinar ? (
              <span className="min-w-0 text-xs font-medium wrap-anywhere text-indigo-700">
                {notification.related_webinar.title}
              </span>
            ) : null}
          </div>
          <NotificationActions
            notification={notification}
            onFollow={onFollowAction}
            className="relative z-10"
          />
        </div>
        {/* Fixed widths: "Mark read" and "Mark unread" differ, Delete must not move between rows. */}
        <div className="relative z-10 flex shrink-0 gap-2">
          {archived ? null : (
            <Button variant="secondary" size="sm" onClick={onToggleRead} className="w-28">
              {t(unread ? 'markRead' : 'markUnread')}
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={onToggleArchived} className="w-20">
            {t(archived ? 'restore' : 'archive')}
          </Button>
          <Button variant="ghostDanger" size="sm" onClick={onDelete} className="w-20 text-red-700">
            {t('common:delete')}
          </Button>
        </div>
      </div>
    </li>
  );
}
