import type { Notification } from '@webinar/contracts';
import { ArrowUpRight } from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { cn } from '../../../lib/cn.ts';
import { NotificationMeta } from './notification-meta.tsx';

interface NotificationRowProps {
  notification: Notification;
  now: Date;
  busy: boolean;
  onToggleRead: () => void;
  onDelete: () => void;
}

export function NotificationRow({ notification, now, busy, onToggleRead, onDelete }: NotificationRowProps) {
  const unread = !notification.is_read;
  return (
    <li
      data-unread={String(unread)}
      className={cn(
        'flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:px-6',
        unread && 'bg-pink-50',
      )}
    >
      <span
        aria-hidden
        className={cn(
          'mt-1.5 hidden size-2 shrink-0 rounded-full sm:block',
          unread ? 'bg-pink-500' : 'bg-transparent',
        )}
      />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-sm font-medium text-slate-900">
          {notification.title}
          {unread ? <span className="sr-only"> (unread)</span> : null}
        </p>
        <p className="text-sm text-slate-600">{notification.content}</p>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <NotificationMeta notification={notification} now={now} />
          {notification.related_webinar ? (
            <Link
              to={`/webinars/${notification.related_webinar.id}`}
              className="inline-flex items-center gap-0.5 rounded text-xs font-medium text-indigo-600 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              {notification.related_webinar.title}
              <ArrowUpRight aria-hidden className="size-3" />
            </Link>
          ) : null}
        </div>
      </div>
      <div className="flex shrink-0 gap-2">
        <Button variant="secondary" size="sm" busy={busy} onClick={onToggleRead}>
          {unread ? 'Mark read' : 'Mark unread'}
        </Button>
        <Button variant="ghostDanger" size="sm" onClick={onDelete}>
          Delete
        </Button>
      </div>
    </li>
  );
}
