import type { Webinar } from '@webinar/contracts';
import { CalendarDays, Clock, UserRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import { WebinarStatusBadge } from './webinar-status-badge.tsx';

/** One webinar in a list: what it is, who hosts it and when, with room for the screen's own buttons. */
export function WebinarRow({ webinar, actions }: { webinar: Webinar; actions?: ReactNode }) {
  const { t } = useTranslation('webinars');
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center">
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            to={`/webinars/${webinar.id}`}
            className="min-w-0 rounded text-sm font-semibold wrap-anywhere text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {webinar.title}
          </Link>
          <WebinarStatusBadge status={webinar.status} />
        </div>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs wrap-anywhere text-slate-600">
          <span className="inline-flex items-center gap-1">
            <UserRound aria-hidden className="size-3.5" />
            {webinar.host.display_name}
          </span>
          <span className="inline-flex items-center gap-1">
            <CalendarDays aria-hidden className="size-3.5" />
            {formatDateTime(webinar.starts_at)}
          </span>
          <span className="inline-flex items-center gap-1">
            <Clock aria-hidden className="size-3.5" />
            {t('row.duration', { minutes: webinar.duration_minutes })}
          </span>
        </p>
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </li>
  );
}
