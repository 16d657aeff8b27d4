// The bell's panel: the 5 newest notifications (a run of alike ones folded into one line), unread
// ones in pink. Choosing one marks it read and
// opens its webinar. ArrowUp/ArrowDown move between the items, Home/End to the first and last, Tab
// reaches them too.
import type { Notification } from '@webinar/contracts';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { cn } from '../../../lib/cn.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useRecentNotifications } from '../api/get-recent-notifications.ts';
import { useMarkAllRead } from '../api/mark-all-read.ts';
import { useMarkEachRead, useMarkNotificationRead } from '../api/mark-notification-read.ts';
import { groupNotifications } from '../lib/group-notifications.ts';
import { NotificationActions } from './notification-actions.tsx';
import { NotificationGroupItem } from './notification-group-item.tsx';
import { NotificationMeta, notificationTarget } from './notification-meta.tsx';

const SHOWN = 5;

interface NotificationPanelProps {
  id: string;
  unreadCount: number;
  onClose: (returnFocus: boolean) => void;
}

export function NotificationPanel({ id, unreadCount, onClose }: NotificationPanelProps) {
  const { t } = useTranslation('notifications');
  const panelRef = useRef<HTMLDivElement>(null);
  const recent = useRecentNotifications();
  const markAllRead = useMarkAllRead();
  const markRead = useMarkNotificationRead();
  const markEachRead = useMarkEachRead();
  const navigate = useNavigate();
  const now = useNow();

  useEffect(() => panelRef.current?.focus(), []);

  const open = (notification: Notification) => {
    if (!notification.is_read) markRead.mutate(notification);
    onClose(false);
    void navigate(notificationTarget(notification));
  };

  // An action leads elsewhere itself: the notification is read, and the bell closes behind it.
  const follow = (notification: Notification) => {
    if (!notification.is_read) markRead.mutate(notification);
    onClose(false);
  };

  // On the panel, not the items: right after opening, focus is on the panel itself, and the
  // first ArrowDown must reach the first item (ArrowUp the last).
  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const items = [...(panelRef.current?.querySelectorAll<HTMLButtonElement>('[data-unread]') ?? [])];
    if (items.length === 0) return;
    event.preventDefault();
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? -1
          : index === -1
            ? event.key === 'ArrowDown'
              ? 0
              : -1
            : event.key === 'ArrowDown'
              ? index + 1
              : index - 1;
    items[(next + items.length) % items.length]?.focus();
  };

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggleExpanded = (key: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const renderItem = (notification: Notification) => (
    <li key={notification.id} className={notification.is_read ? 'bg-white' : 'bg-pink-50'}>
      <button
        type="button"
        data-unread={String(!notification.is_read)}
        onClick={() => open(notification)}
        className={cn(
          'flex w-full gap-3 px-4 py-3 text-left transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
          notification.is_read ? 'hover:bg-slate-50' : 'hover:bg-pink-100',
        )}
      >
        <span
          aria-hidden
          className={cn(
            'mt-1.5 size-2 shrink-0 rounded-full',
            notification.is_read ? 'bg-transparent' : 'bg-pink-500',
          )}
        />
        <span className="min-w-0 flex-1 space-y-0.5">
          <span
            className={cn(
              'line-clamp-2 text-sm wrap-anywhere text-slate-900',
              notification.is_read ? 'font-medium' : 'font-semibold',
            )}
          >
            {notification.title}
            {notification.is_read ? null : <span className="sr-only"> {t('unreadMarker')}</span>}
          </span>
          {/* line-clamp brings its own display: a `block` here would undo the clamp. */}
          <span className="line-clamp-2 text-sm wrap-anywhere text-slate-700">{notification.content}</span>
          <NotificationMeta notification={notification} now={now} />
        </span>
      </button>
      <NotificationActions
        notification={notification}
        onFollow={() => follow(notification)}
        className="-mt-1 pr-4 pb-3 pl-9"
      />
    </li>
  );

  // A run of alike ones is one line, so the bell shows more than five when they fold.
  const lines = groupNotifications(recent.data?.results ?? []).slice(0, SHOWN);
  return (
    <div
      ref={panelRef}
      id={id}
      role="dialog"
      aria-label={t('title')}
      tabIndex={-1}
      onKeyDown={onPanelKeyDown}
      className={cn(
        'fixed inset-x-2 top-16 z-50 flex max-h-[calc(100dvh-5rem)] flex-col overflow-hidden rounded-xl bg-white shadow-xl ring-1 ring-slate-200 outline-none',
        'sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96',
      )}
    >
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">{t('title')}</h2>
        <Button
          variant="ghost"
          size="sm"
          busy={markAllRead.isPending}
          disabled={unreadCount === 0}
          onClick={() => markAllRead.mutate()}
          className="text-indigo-600 hover:text-indigo-700"
        >
          {t('markAllRead')}
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {recent.isPending ? (
          <LoadingState />
        ) : recent.isError ? (
          <div className="px-4">
            <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
          </div>
        ) : lines.length === 0 ? (
          <EmptyState>{t('empty.none')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {lines.map((line) =>
              line.kind === 'single' ? (
                renderItem(line.notification)
              ) : (
                <NotificationGroupItem
                  key={line.key}
                  group={line}
                  now={now}
                  expanded={expanded.has(line.key)}
                  onToggleExpanded={() => toggleExpanded(line.key)}
                  onMarkRead={() => markEachRead(line.items)}
                  renderItem={renderItem}
                />
              ),
            )}
          </ul>
        )}
      </div>
      {markAllRead.isError ? (
        <div className="px-4 pb-2">
          <ErrorState error={markAllRead.error} />
        </div>
      ) : null}
      <div className="border-t border-slate-100 px-4 py-2 text-center">
        <Link
          to="/notifications"
          onClick={() => onClose(false)}
          className="inline-block rounded px-2 py-1 text-sm font-medium text-indigo-600 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {t('bell.viewAll')}
        </Link>
      </div>
    </div>
  );
}
