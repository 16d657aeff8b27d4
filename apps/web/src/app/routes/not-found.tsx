import { Link } from 'react-router';
import { buttonClass } from '../../components/ui/button.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-500">There is nothing at this address.</p>
      <Link to="/" className={buttonClass('secondary', 'md', 'mt-6')}>
        Go home
      </Link>
    </div>
  );
}
