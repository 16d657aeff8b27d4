// The bell's panel: the 5 newest notifications (a run of alike ones folded into one line), unread
// ones in pink. Choosing one marks it read and
// opens its webinar; each one and each folded run can be archived. ArrowUp/ArrowDown move between
// the items, Home/End to the first and last, Tab reaches them and their buttons too.
import type { Notification } from '@webinar/contracts';
import { type KeyboardEvent, type MouseEvent, useEffect, useRef, useState } from 'react';
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
import { ArchiveButton } from './archive-button.tsx';
import { NotificationActions } from './notification-actions.tsx';
import { NotificationGroupItem } from './notification-group-item.tsx';
import { NotificationMeta, notificationTarget } from './notification-meta.tsx';
import { useFocusAfterRemoval } from './use-focus-after-removal.ts';

const SHOWN = 5;

interface NotificationPanelProps {
  id: string;
  unreadCount: number;
  onClose: (returnFocus: boolean) => void;
  /** Archives them (one notification, or a folded run), with undo. */
  onArchive: (notifications: readonly Notification[]) => void;
}

/** The items the arrow keys walk: each notification's button and each folded run's. */
const ITEMS = '[data-unread]';

export function NotificationPanel({ id, unreadCount, onClose, onArchive }: NotificationPanelProps) {
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
    const items = [...(panelRef.current?.querySelectorAll<HTMLButtonElement>(ITEMS) ?? [])];
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

  const beforeRemoval = useFocusAfterRemoval(panelRef, ITEMS);
  const archive = (event: MouseEvent<HTMLButtonElement>, notifications: readonly Notification[]) => {
    beforeRemoval(event.currentTarget.closest('li'));
    onArchive(notifications);
  };

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggleExpanded = (key: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const renderItem = (notification: Notification) => (
    <li key={notification.id} className={cn('group/item', notification.is_read ? 'bg-white' : 'bg-pink-50')}>
      {/* The hover colour is the line's, Archive's column included: the line is what it acts on. */}
      <div
        className={cn(
          'flex items-start transition-colors',
          notification.is_read ? 'hover:bg-slate-50' : 'hover:bg-pink-100',
        )}
      >
        <button
          type="button"
          data-unread={String(!notification.is_read)}
          onClick={() => open(notification)}
          className="flex min-w-0 flex-1 gap-3 py-3 pr-2 pl-4 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
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
        <ArchiveButton
          label={t('archive')}
          line="item"
          onClick={(event) => archive(event, [notification])}
          className="mt-2 mr-2"
        />
      </div>
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
                  onArchive={(event) => archive(event, line.items)}
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
