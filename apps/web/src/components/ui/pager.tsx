// The foot of a paged table: how many rows in all and which page, Previous and Next, and a spinner
// while a page is being fetched again.
import { useTranslation } from 'react-i18next';
import { Button } from './button.tsx';
import { Spinner } from './states.tsx';

interface PagerProps {
  /** "12 deliveries", "1 notification". */
  total: string;
  count: number;
  page: number;
  pages: number;
  updating: boolean;
  onPage: (page: number) => void;
}

export function Pager({ total, count, page, pages, updating, onPage }: PagerProps) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 sm:px-6">
      <p className="text-sm text-slate-600">
        {count > 0 ? t('pager.totalAndPage', { total, page, pages }) : total}
      </p>
      <div className="flex items-center gap-2">
        {updating ? <Spinner label={t('updating')} /> : null}
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('pager.previous')}
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('pager.next')}
        </Button>
      </div>
    </div>
  );
}
