// /dashboard/deliveries (admins): the log of what email and push carried, filtered, a page at a
// time; each row opens its detail with the rendered message.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../../components/ui/back-link.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { PageHeader, Section } from '../../../components/ui/section.tsx';
import { EmptyState, ErrorState } from '../../../components/ui/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useDeliveries } from '../api/get-deliveries.ts';
import { DeliveriesTable } from './deliveries-table.tsx';
import {
  DeliveryFilters,
  type DeliveryFilterValues,
  NO_DELIVERY_FILTERS,
  toDeliveryQuery,
} from './delivery-filters.tsx';

const PAGE_SIZE = 20;

export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      aria-label={t('loading')}
      className="motion-safe:animate-pulse space-y-2 px-4 py-3 sm:px-6"
    >
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <div key={index} className="h-10 rounded bg-slate-100" />
      ))}
    </div>
  );
}

export function DeliveriesPage() {
  const { t } = useTranslation(['deliveries', 'app']);
  useDocumentTitle(t('title'));
  const [filters, setFilters] = useState<DeliveryFilterValues>(NO_DELIVERY_FILTERS);
  const [page, setPage] = useState(1);
  const query = useMemo(() => ({ ...toDeliveryQuery(filters), page, page_size: PAGE_SIZE }), [filters, page]);
  const list = useDeliveries(query);

  const changeFilters = useCallback((next: DeliveryFilterValues) => {
    setFilters(next);
    setPage(1);
  }, []);

  const count = list.data?.count ?? 0;
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));

  return (
    <div className="space-y-6">
      <BackLink to="/dashboard">{t('app:dashboard.title')}</BackLink>
      <PageHeader title={t('title')} />
      <Section title={t('log.title')} description={t('log.description')} flush>
        <div className="px-4 pb-4 sm:px-6">
          <DeliveryFilters value={filters} onChange={changeFilters} />
        </div>
        {list.isPending ? (
          <TableSkeleton />
        ) : list.isError ? (
          <div className="px-4 sm:px-6">
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data.results.length === 0 ? (
          <EmptyState>{t('log.noMatch')}</EmptyState>
        ) : (
          <DeliveriesTable rows={list.data.results} />
        )}
        <Pager
          total={t('log.total', { count })}
          count={count}
          page={page}
          pages={pages}
          updating={list.isFetching && !list.isPending}
          onPage={setPage}
        />
      </Section>
    </div>
  );
}
