// One webinar: when, who, its status; register, join the live session, or (its host or an admin)
// start and end it; its recordings.
import { canManageWebinar, type Webinar } from '@webinar/contracts';
import { CalendarDays, CalendarPlus, Clock, UserRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { buttonClass } from '../../components/ui/button.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { JoinLiveButton } from '../../features/live-sessions/components/join-live-button.tsx';
import { LiveSessionButtons } from '../../features/live-sessions/components/live-session-buttons.tsx';
import { WebinarRecordings } from '../../features/recordings/components/webinar-recordings.tsx';
import { RegisterButton } from '../../features/registrations/components/register-button.tsx';
import { useWebinar } from '../../features/webinars/api/get-webinar.ts';
import { WebinarStatusBadge } from '../../features/webinars/components/webinar-status-badge.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { formatDateTime, notifiedMessage } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useCurrentUser } from '../layouts/app-layout.tsx';
import { NotFoundRoute } from './not-found.tsx';

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    // Only <dt> and <dd> inside the group: anything else breaks the definition list for screen readers.
    <div className="min-w-0">
      <dt className="flex items-center gap-2 text-xs font-medium tracking-wide text-slate-600 uppercase">
        <span className="text-slate-400">{icon}</span>
        {label}
      </dt>
      <dd className="pl-6 text-sm wrap-anywhere text-slate-900">{children}</dd>
    </div>
  );
}

function WebinarActions({ webinar }: { webinar: Webinar }) {
  const { t } = useTranslation('app');
  const user = useCurrentUser();
  const toast = useToast();
  const manages = canManageWebinar(user, webinar.host.id);
  const canJoin = webinar.status === 'live' && (manages || webinar.my_registration?.status === 'approved');
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {user.role === 'student' && webinar.status !== 'ended' ? (
          <RegisterButton webinarId={webinar.id} registration={webinar.my_registration} />
        ) : null}
        {canJoin ? (
          <JoinLiveButton
            webinarId={webinar.id}
            label={t('webinar.joinLive')}
            onJoined={(joinedAt) => toast.success(t('webinar.joined', { time: formatDateTime(joinedAt) }))}
          />
        ) : null}
        {manages ? (
          <LiveSessionButtons
            webinarId={webinar.id}
            webinarTitle={webinar.title}
            status={webinar.status}
            onError={toast.error}
            onDone={({ action, notified }) =>
              toast.success(
                t(action === 'started' ? 'webinar.started' : 'webinar.ended', {
                  notified: notifiedMessage(notified),
                }),
              )
            }
          />
        ) : null}
      </div>
    </div>
  );
}

export function WebinarRoute() {
  const id = Number(useParams().id);
  return Number.isInteger(id) && id > 0 ? <WebinarScreen id={id} /> : <NotFoundRoute />;
}

function WebinarScreen({ id }: { id: number }) {
  const { t } = useTranslation('app');
  const webinar = useWebinar(id);
  useDocumentTitle(webinar.data?.title ?? t('webinar.title'));
  if (webinar.error instanceof ApiError && webinar.error.status === 404) return <NotFoundRoute />;
  if (webinar.isPending) return <LoadingState />;
  if (webinar.isError) return <ErrorState error={webinar.error} onRetry={() => void webinar.refetch()} />;
  const data = webinar.data;
  return (
    <div className="space-y-6">
      <article className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight wrap-anywhere text-slate-900">
            {data.title}
          </h1>
          <WebinarStatusBadge status={data.status} />
        </div>
        {data.description ? (
          <p className="mt-3 max-w-prose wrap-anywhere whitespace-pre-line text-slate-600">
            {data.description}
          </p>
        ) : null}
        <dl className="mt-6 grid gap-4 sm:grid-cols-3">
          <Fact icon={<UserRound aria-hidden className="size-4" />} label={t('webinar.host')}>
            {data.host.display_name}
          </Fact>
          <Fact icon={<CalendarDays aria-hidden className="size-4" />} label={t('webinar.starts')}>
            {formatDateTime(data.starts_at)}
          </Fact>
          <Fact icon={<Clock aria-hidden className="size-4" />} label={t('webinar.duration')}>
            {t('webinar.minutes', { count: data.duration_minutes })}
          </Fact>
        </dl>
        <div className="mt-6 flex flex-wrap items-start justify-between gap-3 border-t border-slate-100 pt-6">
          <WebinarActions webinar={data} />
          <a
            href={`/api/webinars/${data.id}/calendar.ics`}
            download={`webinar-${data.id}.ics`}
            className={buttonClass('secondary', 'sm')}
          >
            <CalendarPlus aria-hidden className="size-4" />
            {t('webinar.addToCalendar')}
          </a>
        </div>
      </article>
      <WebinarRecordings webinarId={data.id} />
    </div>
  );
}
