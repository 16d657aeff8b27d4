// The product's mark and name, linking home: the navbar's and the signed-out pages' top left.
import { PRODUCT_NAME } from '@webinar/contracts';
import { Video } from 'lucide-react';
import { Link } from 'react-router';
import { cn } from '../../lib/cn.ts';

export function BrandLink({ to, className }: { to: string; className?: string }) {
  return (
    <Link
      to={to}
      className={cn(
        'flex items-center gap-2 rounded-md font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        className,
      )}
    >
      <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-white">
        <Video aria-hidden className="size-4" />
      </span>
      {PRODUCT_NAME}
    </Link>
  );
}
