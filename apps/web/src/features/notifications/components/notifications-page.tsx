// Every notification of the user, newest first, a page at a time; filters, read state, archive and
// restore, delete with undo, and a link to the notification settings.
import { isNotificationType, NOTIFICATION_TYPES, type Notification } from '@webinar/contracts';
import { Settings } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button, buttonClass } from '../../../components/ui/button.tsx';
import { Field, Select } from '../../../components/ui/field.tsx';
import { PageHeader, Section } from '../../../components/ui/section.tsx';
import { EmptyState, ErrorMessage, ErrorState } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useSetNotificationArchived } from '../api/archive-notification.ts';
import { type NotificationFilters, useNotifications } from '../api/get-notifications.ts';
import { useUnreadCount } from '../api/get-unread-count.ts';
import { useMarkAllRead } from '../api/mark-all-read.ts';
import { useMarkEachRead, useMarkNotificationRead } from '../api/mark-notification-read.ts';
import { useMarkNotificationUnread } from '../api/mark-notification-unread.ts';
import { groupNotifications } from '../lib/group-notifications.ts';
import { NotificationGroupRow } from './notification-group-row.tsx';
import { NotificationListSkeleton } from './notification-list-skeleton.tsx';
import { notificationTarget } from './notification-meta.tsx';
import { NotificationRow } from './notification-row.tsx';
import { UndoToast } from './undo-toast.tsx';
import { useUndoableDelete } from './use-undoable-delete.ts';

const VIEWS = [
  { name: 'all', unread: false, archived: false },
  { name: 'unread', unread: true, archived: false },
  { name: 'archived', unread: false, archived: true },
] as const;

type View = (typeof VIEWS)[number];

function FilterToggle({
  filters,
  onChange,
}: {
  filters: NotificationFilters;
  onChange: (view: View) => void;
}) {
  const { t } = useTranslation('notifications');
  return (
    <fieldset className="inline-flex rounded-md bg-slate-100 p-1">
      <legend className="sr-only">{t('page.show')}</legend>
      {VIEWS.map((option) => (
        <button
          key={option.name}
          type="button"
          aria-pressed={filters.unread === option.unread && !!filters.archived === option.archived}
          onClick={() => onChange(option)}
          className={cn(
            'rounded px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600',
            filters.unread === option.unread && !!filters.archived === option.archived
              ? 'bg-white text-slate-900 shadow-sm'
              : 'text-slate-600 hover:text-slate-900',
          )}
        >
          {t(`page.view.${option.name}`)}
        </button>
      ))}
    </fieldset>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation(['notifications', 'common']);
  useDocumentTitle(t('title'));
  const [filters, setFilters] = useState<NotificationFilters>({
    unread: false,
    type: undefined,
    archived: false,
  });
  const list = useNotifications(filters);
  const unreadCount = useUnreadCount().data?.unread_count ?? 0;
  const markAllRead = useMarkAllRead();
  const markRead = useMarkNotificationRead();
  const markEachRead = useMarkEachRead();
  const markUnread = useMarkNotificationUnread();
  const archive = useSetNotificationArchived(true);
  const restore = useSetNotificationArchived(false);
  const toast = useToast();
  const deletion = useUndoableDelete();
  const now = useNow();
  const navigate = useNavigate();

  // As in the bell: choosing a notification marks it read and opens what it is about.
  const open = (notification: Notification) => {
    if (!notification.is_read) markRead.mutate(notification);
    void navigate(notificationTarget(notification));
  };

  const items = (list.data?.pages.flatMap((page) => page.results) ?? []).filter(
    (notification) => notification.id !== deletion.pending?.id,
  );
  const filtered = filters.unread || filters.type !== undefined;
  const actionError =
    markRead.error ??
    markUnread.error ??
    archive.error ??
    restore.error ??
    markAllRead.error ??
    deletion.error;

  /** Archives the notifications, or restores them when they are archived; one toast for all. */
  const toggleArchived = (notifications: readonly Notification[]) => {
    const restoring = notifications[0]?.archived_at !== null;
    const mutation = restoring ? restore : archive;
    // mutateAsync: mutate's own callbacks would run for the last call only. A failure shows as
    // the mutation's error above the list.
    Promise.all(notifications.map((notification) => mutation.mutateAsync(notification))).then(
      () => toast.success(t(restoring ? 'page.restored' : 'page.archived')),
      () => undefined,
    );
  };

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggleExpanded = (key: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const renderRow = (notification: Notification) => (
    <NotificationRow
      key={notification.id}
      notification={notification}
      now={now}
      onOpen={() => open(notification)}
      onToggleRead={() =>
        notification.is_read ? markUnread.mutate(notification) : markRead.mutate(notification)
      }
      onToggleArchived={() => toggleArchived([notification])}
      onFollowAction={() => (notification.is_read ? undefined : markRead.mutate(notification))}
      onDelete={() => deletion.remove(notification)}
    />
  );

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')}>
        <Button
          variant="secondary"
          busy={markAllRead.isPending}
          disabled={unreadCount === 0}
          onClick={() => markAllRead.mutate()}
        >
          {t('markAllRead')}
        </Button>
      </PageHeader>

      <Section
        title={t('page.yours')}
        flush
        actions={
          <div className="flex flex-wrap items-end gap-3">
            <FilterToggle
              filters={filters}
              onChange={({ unread, archived }) => setFilters({ ...filters, unread, archived })}
            />
            <Field label={t('common:filters.type')} className="w-48">
              <Select
                value={filters.type ?? ''}
                onChange={(event) =>
                  setFilters({
                    ...filters,
                    type: isNotificationType(event.target.value) ? event.target.value : undefined,
                  })
                }
              >
                <option value="">{t('page.allTypes')}</option>
                {NOTIFICATION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`common:notificationType.${type}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        }
      >
        {actionError ? (
          <div className="px-4 pb-4 sm:px-6">
            <ErrorMessage error={actionError} />
          </div>
        ) : null}
        {list.isPending ? (
          <>
            <span role="status" className="sr-only">
              {t('page.loading')}
            </span>
            <NotificationListSkeleton />
          </>
        ) : list.isError ? (
          <div className="px-4 sm:px-6">
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState>
            {filters.archived
              ? filters.type === undefined
                ? t('empty.nothingArchived')
                : t('empty.noArchivedOfType')
              : filtered
                ? t('empty.noMatch')
                : t('empty.none')}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 border-t border-slate-100">
            {groupNotifications(items).map((line) =>
              line.kind === 'single' ? (
                renderRow(line.notification)
              ) : (
                <NotificationGroupRow
                  key={line.key}
                  group={line}
                  now={now}
                  expanded={expanded.has(line.key)}
                  onToggleExpanded={() => toggleExpanded(line.key)}
                  onMarkRead={() => markEachRead(line.items)}
                  onToggleArchived={() => toggleArchived(line.items)}
                  renderItem={renderRow}
                />
              ),
            )}
          </ul>
        )}
        {list.hasNextPage ? (
          <div className="flex justify-center border-t border-slate-100 p-4">
            <Button
              variant="secondary"
              busy={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('page.loadMore')}
            </Button>
          </div>
        ) : null}
      </Section>

      <Section title={t('page.preferences.title')} description={t('page.preferences.description')}>
        <Link to="/settings/notifications" className={buttonClass('secondary')}>
          <Settings aria-hidden className="size-4" />
          {t('page.preferences.settings')}
        </Link>
      </Section>
      {deletion.pending ? <UndoToast message={t('undo.deleted')} onUndo={deletion.undo} /> : null}
    </div>
  );
}
