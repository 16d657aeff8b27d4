// A run of alike notifications in the bell, folded into one line ("3 new recordings", how many are
// unread); choosing it shows them below, and "Mark read" and Archive act on them all.
import type { Notification } from '@webinar/contracts';
import { ChevronDown } from 'lucide-react';
import type { MouseEvent, ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatRelative } from '../../../lib/format.ts';
import { groupLabel, type NotificationLine, sharedWebinar } from '../lib/group-notifications.ts';
import { ArchiveButton } from './archive-button.tsx';

type Group = Extract<NotificationLine, { kind: 'group' }>;

interface NotificationGroupItemProps {
  group: Group;
  now: Date;
  expanded: boolean;
  onToggleExpanded: () => void;
  onMarkRead: () => void;
  onArchive: (event: MouseEvent<HTMLButtonElement>) => void;
  renderItem: (notification: Notification) => ReactNode;
}

export function NotificationGroupItem({
  group,
  now,
  expanded,
  onToggleExpanded,
  onMarkRead,
  onArchive,
  renderItem,
}: NotificationGroupItemProps) {
  const { t } = useTranslation('notifications');
  const listId = useId();
  const unread = group.unread > 0;
  const label = groupLabel(group.type, group.items.length);
  const webinar = sharedWebinar(group.items);
  const newest = group.items[0] as Notification;
  return (
    <li className={unread ? 'bg-pink-50' : 'bg-white'}>
      <div
        className={cn(
          'group/fold flex items-start transition-colors',
          unread ? 'hover:bg-pink-100' : 'hover:bg-slate-50',
        )}
      >
        <button
          type="button"
          data-unread={String(unread)}
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={onToggleExpanded}
          className="flex min-w-0 flex-1 gap-3 py-3 pr-2 pl-4 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
        >
          <span
            aria-hidden
            className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-pink-500' : 'bg-transparent')}
          />
          <span className="min-w-0 flex-1 space-y-0.5">
            <span
              className={cn(
                'flex items-center gap-1 text-sm text-slate-900',
                unread ? 'font-semibold' : 'font-medium',
              )}
            >
              {label}
              <ChevronDown
                aria-hidden
                className={cn('size-4 transition-transform', expanded && 'rotate-180')}
              />
            </span>
            <span className="line-clamp-1 text-xs wrap-anywhere text-slate-600">
              {[
                unread ? t('group.unread', { count: group.unread }) : null,
                webinar?.title,
                t('group.newest', { time: formatRelative(newest.created_at, now) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </span>
        </button>
        {unread ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={onMarkRead}
            aria-label={t('group.markReadLabel', { label })}
            className="mt-2 shrink-0 text-indigo-700 hover:text-indigo-800"
          >
            {t('markRead')}
          </Button>
        ) : null}
        <ArchiveButton
          label={t('group.archiveLabel', { label })}
          line="fold"
          onClick={onArchive}
          className="mt-1.5 mr-2"
        />
      </div>
      {expanded ? (
        <ul
          id={listId}
          aria-label={label}
          className="divide-y divide-slate-100 border-t border-slate-100 pl-4"
        >
          {group.items.map(renderItem)}
        </ul>
      ) : null}
    </li>
  );
}
