// The notifications admin panel: every user's notifications as a table with filters, search and
// pages; edit and delete any; send new ones.
import type { AdminNotification } from '@webinar/contracts';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../../components/ui/back-link.tsx';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { dateRangeError } from '../../../components/ui/date-range-fields.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { PageHeader, Section } from '../../../components/ui/section.tsx';
import { EmptyState, ErrorState } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useDeleteAdminNotification } from '../api/delete-admin-notification.ts';
import { useAdminNotifications } from '../api/get-admin-notifications.ts';
import { AdminFilters, type AdminFilterValues, NO_FILTERS, toAdminQuery } from './admin-filters.tsx';
import { AdminNotificationsTable, AdminTableSkeleton } from './admin-notifications-table.tsx';
import { EditNotificationDialog } from './edit-notification-dialog.tsx';
import { SendNotificationForm } from './send-notification-form.tsx';

const PAGE_SIZE = 20;

export function AdminNotificationsPage() {
  const { t } = useTranslation(['admin', 'app', 'common']);
  useDocumentTitle(t('title'));
  const [filters, setFilters] = useState<AdminFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<AdminNotification | null>(null);
  const [deleting, setDeleting] = useState<AdminNotification | null>(null);
  const toast = useToast();
  const query = useMemo(() => ({ ...toAdminQuery(filters), page, page_size: PAGE_SIZE }), [filters, page]);
  const list = useAdminNotifications(query);
  const remove = useDeleteAdminNotification();

  const changeFilters = useCallback((next: AdminFilterValues) => {
    setFilters(next);
    setPage(1);
  }, []);

  const count = list.data?.count ?? 0;
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  // Deleting the last row of the last page leaves the admin past the end.
  if (list.data && !list.isPlaceholderData && page > pages) setPage(pages);

  return (
    <div className="space-y-6">
      <BackLink to="/dashboard">{t('app:dashboard.title')}</BackLink>
      <PageHeader title={t('title')} />
      <Section title={t('list.title')} flush>
        <div className="space-y-4 px-4 pb-4 sm:px-6">
          <AdminFilters value={filters} onChange={changeFilters} />
        </div>
        {list.isPending ? (
          <AdminTableSkeleton rows={PAGE_SIZE} />
        ) : list.isError ? (
          <div className="px-4 sm:px-6">
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data.results.length === 0 ? (
          <EmptyState>{dateRangeError(filters) ? t('list.fromAfterTo') : t('list.noMatch')}</EmptyState>
        ) : (
          <AdminNotificationsTable
            rows={list.data.results}
            onEdit={setEditing}
            onDelete={(row) => {
              remove.reset();
              setDeleting(row);
            }}
          />
        )}
        <Pager
          total={t('list.total', { count })}
          count={count}
          page={page}
          pages={pages}
          updating={list.isFetching && !list.isPending}
          onPage={setPage}
        />
      </Section>

      <SendNotificationForm />

      {editing ? (
        <EditNotificationDialog
          notification={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            toast.success(t('edit.saved'));
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('delete.title')}
          confirmLabel={t('common:delete')}
          busy={remove.isPending}
          error={remove.error}
          onCancel={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                setDeleting(null);
                toast.success(t('delete.done'));
              },
            })
          }
        >
          {t('delete.body', { title: deleting.title, user: deleting.user.username })}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
