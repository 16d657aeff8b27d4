import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useMyRegistrations } from '../api/get-my-registrations.ts';
import { RegistrationStatusBadge } from './registration-status-badge.tsx';

export function MyRegistrations() {
  const { t } = useTranslation('registrations');
  const registrations = useMyRegistrations();
  return (
    <Section title={t('mine.title')}>
      <QueryResults query={registrations} empty={t('mine.empty')}>
        {(results) => (
          <ul className="divide-y divide-slate-100">
            {results.map((registration) => (
              <li
                key={registration.id}
                className="flex items-center justify-between gap-3 py-3 first:pt-0 last:pb-0"
              >
                <div className="min-w-0">
                  <Link
                    to={`/webinars/${registration.webinar.id}`}
                    className="rounded text-sm font-medium wrap-anywhere text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {registration.webinar.title}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {t('mine.registered', { time: formatDateTime(registration.created_at) })}
                  </p>
                </div>
                <RegistrationStatusBadge status={registration.status} />
              </li>
            ))}
          </ul>
        )}
      </QueryResults>
    </Section>
  );
}
