import type { AdminNotification } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge.tsx';
import { EditDeleteButtons } from '../../../components/ui/edit-delete-buttons.tsx';
import { formatDateTime } from '../../../lib/format.ts';

interface AdminNotificationsTableProps {
  rows: AdminNotification[];
  onEdit: (row: AdminNotification) => void;
  onDelete: (row: AdminNotification) => void;
}

const HEAD = 'px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase';

/** The webinar a notification is about, as a link, or nothing. */
function RelatedWebinar({ row }: { row: AdminNotification }) {
  const { t } = useTranslation('admin');
  if (!row.related_webinar) return null;
  return (
    <Link
      to={`/webinars/${row.related_webinar.id}`}
      className="block max-w-44 truncate rounded text-xs text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <span className="sr-only">{t('table.webinar')} </span>
      {row.related_webinar.title}
    </Link>
  );
}

/** The table's shape while the first page loads: the header and a page of rows of their final height. */
export function AdminTableSkeleton({ rows }: { rows: number }) {
  const { t } = useTranslation('admin');
  return (
    <div
      role="status"
      aria-label={t('table.loading')}
      className="motion-safe:animate-pulse border-t border-slate-100"
    >
      <div className="h-9 bg-slate-50" />
      <div className="divide-y divide-slate-100">
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
          <div key={index} className="flex h-[61px] items-center gap-4 px-4">
            <div className="h-4 w-24 rounded bg-slate-100" />
            <div className="h-4 flex-1 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}

function ReadBadge({ isRead }: { isRead: boolean }) {
  const { t } = useTranslation('admin');
  return isRead ? <Badge tone="gray">{t('read')}</Badge> : <Badge tone="pink">{t('unread')}</Badge>;
}

/** The table on wider screens; on a phone, where six columns would scroll sideways, a list. */
export function AdminNotificationsTable(props: AdminNotificationsTableProps) {
  return (
    <>
      <AdminNotificationsList {...props} />
      <div className="hidden sm:block">
        <Table {...props} />
      </div>
    </>
  );
}

function AdminNotificationsList({ rows, onEdit, onDelete }: AdminNotificationsTableProps) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <ul
      aria-label={t('table.label')}
      className="divide-y divide-slate-100 border-t border-slate-100 sm:hidden"
    >
      {rows.map((row) => (
        <li key={row.id} className="space-y-1.5 px-4 py-3 text-sm">
          <div className="flex items-start justify-between gap-3">
            <p className="min-w-0 break-words">
              <span className="font-medium text-slate-900">{row.user.username}</span>
              <span className="text-xs text-slate-500"> · {t('table.userId', { id: row.user.id })}</span>
            </p>
            <ReadBadge isRead={row.is_read} />
          </div>
          <p className="text-xs text-slate-500">
            {t(`common:notificationType.${row.notification_type}`)} · {formatDateTime(row.created_at)}
          </p>
          <p className="font-medium break-words text-slate-900">{row.title}</p>
          <p className="line-clamp-2 break-words text-slate-600">{row.content}</p>
          {row.related_webinar ? <RelatedWebinar row={row} /> : null}
          <EditDeleteButtons onEdit={() => onEdit(row)} onDelete={() => onDelete(row)} />
        </li>
      ))}
    </ul>
  );
}

function Table({ rows, onEdit, onDelete }: AdminNotificationsTableProps) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    // `relative` keeps the screen-reader-only header inside the scrolling box on narrow screens.
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={HEAD}>
              {t('table.user')}
            </th>
            <th scope="col" className={HEAD}>
              {t('common:filters.type')}
            </th>
            <th scope="col" className={HEAD}>
              {t('common:fields.title')}
            </th>
            <th scope="col" className={HEAD}>
              {t('read')}
            </th>
            <th scope="col" className={HEAD}>
              {t('table.created')}
            </th>

            <th scope="col" className={HEAD}>
              <span className="sr-only">{t('table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={row.id} className="align-top hover:bg-slate-50">
              <td className="px-4 py-3">
                <span
                  className="block max-w-40 truncate font-medium text-slate-900"
                  title={row.user.username}
                >
                  {row.user.username}
                </span>
                <span className="block text-xs text-slate-500">{t('table.userId', { id: row.user.id })}</span>
              </td>
              <td className="px-4 py-3 text-slate-700">
                <span className="block whitespace-nowrap">
                  {t(`common:notificationType.${row.notification_type}`)}
                </span>
                <RelatedWebinar row={row} />
              </td>
              <td className="min-w-52 px-4 py-3">
                <span className="block max-w-xs truncate font-medium text-slate-900" title={row.title}>
                  {row.title}
                </span>
                <span className="block max-w-xs truncate text-xs text-slate-500" title={row.content}>
                  {row.content}
                </span>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                <ReadBadge isRead={row.is_read} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatDateTime(row.created_at)}</td>
              <td className="px-4 py-3 whitespace-nowrap text-right">
                <EditDeleteButtons
                  className="justify-end"
                  onEdit={() => onEdit(row)}
                  onDelete={() => onDelete(row)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
