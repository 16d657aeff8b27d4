import { ArrowLeft } from 'lucide-react';
import { Link } from 'react-router';
import { buttonClass } from './button.tsx';

/** "← Dashboard" above a page that is one level down. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Link to={to} className={buttonClass('ghost', 'sm', '-ml-3 self-start')}>
      <ArrowLeft aria-hidden className="size-4" />
      {children}
    </Link>
  );
}
