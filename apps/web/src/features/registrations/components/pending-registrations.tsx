// The dashboard's "Registrations to approve": pending registrations of the webinars the user manages.
import type { Registration } from '@webinar/contracts';
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
  const pending = useRegistrationsOfWebinars(webinarIds, 'pending');
  const approve = useApproveRegistration();
  const reject = useRejectRegistration();
  const toast = useToast();

  const decide = (registration: Registration, decision: 'approve' | 'reject') => {
    const name = registration.user.display_name;
    if (decision === 'approve') {
      approve.mutate(registration.id, {
        onSuccess: ({ notified }) => toast.success(`${name} approved · ${notifiedMessage(notified)}`),
        onError: toast.error,
      });
    } else {
      reject.mutate(registration.id, {
        onSuccess: () => toast.success(`${name} rejected`),
        onError: toast.error,
      });
    }
  };

  const busyId = approve.isPending ? approve.variables : reject.isPending ? reject.variables : undefined;
  const sorted = [...pending.registrations].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return (
    <Section
      title="Registrations to approve"
      description="Pending registrations for the webinars you manage."
    >
      {pending.isPending ? (
        <LoadingState />
      ) : pending.error ? (
        <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />
      ) : sorted.length === 0 ? (
        <EmptyState>No registrations are waiting for approval.</EmptyState>
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
                  <Link
                    to={`/webinars/${registration.webinar.id}`}
                    className="rounded hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {registration.webinar.title}
                  </Link>{' '}
                  · requested {formatDateTime(registration.created_at)}
                </p>
              </div>
              <div className="flex gap-2">
                <Button
                  size="sm"
                  busy={busyId === registration.id}
                  onClick={() => decide(registration, 'approve')}
                >
                  Approve
                </Button>
                <Button
                  variant="secondary"
                  size="sm"
                  busy={busyId === registration.id}
                  onClick={() => decide(registration, 'reject')}
                >
                  Reject
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
