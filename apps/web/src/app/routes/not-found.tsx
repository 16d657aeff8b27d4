import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { buttonClass } from '../../components/ui/button.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

export function NotFoundRoute() {
  const { t } = useTranslation('app');
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-2xl font-semibold text-slate-900">{t('notFound.title')}</h1>
      <p className="mt-2 text-sm text-slate-500">{t('notFound.body')}</p>
      <Link to="/" className={buttonClass('secondary', 'md', 'mt-6')}>
        {t('notFound.home')}
      </Link>
    </div>
  );
}
