import { type ReactNode, useId } from 'react';
import { cn } from '../../lib/cn.ts';

interface SectionProps {
  title: string;
  description?: string;
  /** Buttons or filters shown beside the heading. */
  actions?: ReactNode;
  /** The body runs edge to edge (lists and tables with their own padding). */
  flush?: boolean;
  children: ReactNode;
  className?: string;
}

/** A titled card: the unit every screen is made of. */
export function Section({ title, description, actions, flush, children, className }: SectionProps) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className={cn('rounded-xl bg-white shadow-sm ring-1 ring-slate-200', className)}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 px-4 pt-4 sm:px-6 sm:pt-5">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-end gap-2">{actions}</div> : null}
      </div>
      <div className={flush ? 'mt-4 pb-1' : 'px-4 pt-4 pb-4 sm:px-6 sm:pb-6'}>{children}</div>
    </section>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words text-slate-900">{title}</h1>
      {children ? <div className="flex flex-wrap gap-2">{children}</div> : null}
    </div>
  );
}
