// The dashboard's "Registrations to approve": pending registrations of the webinars the user manages.
import type { Registration } from '@webinar/contracts';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { formatDateTime, notifiedMessage } from '../../../lib/format.ts';
import { useApproveRegistration } from '../api/approve-registration.ts';
import { useRegistrationsOfWebinars } from '../api/get-webinar-registrations.ts';
import { useRejectRegistration } from '../api/reject-registration.ts';

export function PendingRegistrations({ webinarIds }: { webinarIds: number[] }) {
  const { t } = useTranslation('registrations');
  const pending = useRegistrationsOfWebinars(webinarIds, 'pending');
  const approve = useApproveRegistration();
  const reject = useRejectRegistration();
  const toast = useToast();

  const decide = (registration: Registration, decision: 'approve' | 'reject') => {
    const name = registration.user.display_name;
    if (decision === 'approve') {
      approve.mutate(registration.id, {
        onSuccess: ({ notified }) =>
          toast.success(t('pending.approved', { name, notified: notifiedMessage(notified) })),
        onError: toast.error,
      });
    } else {
      reject.mutate(registration.id, {
        onSuccess: () => toast.success(t('pending.rejected', { name })),
        onError: toast.error,
      });
    }
  };

  const busyId = approve.isPending ? approve.variables : reject.isPending ? reject.variables : undefined;
  const sorted = [...pending.registrations].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return (
    <Section title={t('pending.title')} description={t('pending.description')}>
      {pending.isPending ? (
        <LoadingState />
      ) : pending.error ? (
        <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />
      ) : sorted.length === 0 ? (
        <EmptyState>{t('pending.empty')}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {sorted.map((registration) => (
            <li
              key={registration.id}
              className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center"
            >
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium wrap-anywhere text-slate-900">
                  {registration.user.display_name}{' '}
                  <span className="font-normal text-slate-500">({registration.user.username})</span>
                </p>
                <p className="text-xs wrap-anywhere text-slate-500">
                  <Trans
                    t={t}
                    i18nKey="pending.requested"
                    values={{
                      webinar: registration.webinar.title,
                      time: formatDateTime(registration.created_at),
                    }}
                    components={{
                      webinar: (
                        <Link
                          to={`/webinars/${registration.webinar.id}`}
                          className="rounded hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                        />
                      ),
                    }}
                  />
                </p>
              </div>
              <div className="flex gap-2">
                <Button
                  size="sm"
                  busy={busyId === registration.id}
                  onClick={() => decide(registration, 'approve')}
                >
                  {t('pending.approve')}
                </Button>
                <Button
                  variant="secondary"
                  size="sm"
                  busy={busyId === registration.id}
                  onClick={() => decide(registration, 'reject')}
                >
                  {t('pending.reject')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
