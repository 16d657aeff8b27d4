// A run of alike notifications on the notifications page, folded into one line ("3 new
// recordings", with how many are unread); Show lists them, and Mark read and Archive act on all.
import type { Notification } from '@webinar/contracts';
import { ChevronDown } from 'lucide-react';
import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { groupLabel, type NotificationLine, sharedWebinar } from '../lib/group-notifications.ts';

type Group = Extract<NotificationLine, { kind: 'group' }>;

interface NotificationGroupRowProps {
  group: Group;
  now: Date;
  expanded: boolean;
  onToggleExpanded: () => void;
  onMarkRead: () => void;
  onToggleArchived: () => void;
  /** The group's own rows, shown when expanded. */
  renderItem: (notification: Notification) => React.ReactNode;
}

export function NotificationGroupRow({
  group,
  now,
  expanded,
  onToggleExpanded,
  onMarkRead,
  onToggleArchived,
  renderItem,
}: NotificationGroupRowProps) {
  const { t } = useTranslation('notifications');
  const listId = useId();
  const newest = group.items[0] as Notification;
  const webinar = sharedWebinar(group.items);
  const archived = newest.archived_at !== null;
  const unread = group.unread > 0;
  const label = groupLabel(group.type, group.items.length);
  return (
    <li data-group={group.type}>
      <div className={cn('flex gap-3 px-4 py-4 sm:px-6', unread ? 'bg-pink-50' : 'bg-white')}>
        <span
          aria-hidden
          className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-pink-500' : 'bg-transparent')}
        />
        <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1 space-y-1">
            <p className={cn('text-sm text-slate-900', unread ? 'font-semibold' : 'font-medium')}>
              <button
                type="button"
                aria-expanded={expanded}
                aria-controls={listId}
                onClick={onToggleExpanded}
                className="inline-flex items-center gap-1 rounded text-left focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {label}
                <ChevronDown
                  aria-hidden
                  className={cn('size-4 transition-transform', expanded && 'rotate-180')}
                />
              </button>
            </p>
            <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-slate-600">
              {unread ? (
                <span className="font-medium text-slate-700">
                  {t('group.unread', { count: group.unread })}
                </span>
              ) : null}
              {unread ? <span aria-hidden>·</span> : null}
              {webinar ? <span className="min-w-0 wrap-anywhere">{webinar.title}</span> : null}
              {webinar ? <span aria-hidden>·</span> : null}
              <span>
                <Trans
                  t={t}
                  i18nKey="group.newestTime"
                  values={{ time: formatRelative(newest.created_at, now) }}
                  components={{
                    time: <time dateTime={newest.created_at} title={formatDateTime(newest.created_at)} />,
                  }}
                />
              </span>
            </p>
          </div>
          <div className="flex shrink-0 gap-2">
            {archived ? null : (
              <Button
                variant="secondary"
                size="sm"
                onClick={onMarkRead}
                disabled={!unread}
                aria-label={t('group.markReadLabel', { label })}
                className="w-28"
              >
                {t('markRead')}
              </Button>
            )}
            <Button
              variant="secondary"
              size="sm"
              onClick={onToggleArchived}
              aria-label={t(archived ? 'group.restoreLabel' : 'group.archiveLabel', { label })}
              className="w-20"
            >
              {t(archived ? 'restore' : 'archive')}
            </Button>
          </div>
        </div>
      </div>
      {expanded ? (
        <ul
          id={listId}
          aria-label={label}
          className="divide-y divide-slate-200 border-t border-slate-100 sm:pl-6"
        >
          {group.items.map(renderItem)}
        </ul>
      ) : null}
    </li>
  );
}
