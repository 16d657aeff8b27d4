// The user portal (the original UserWebinarPortal): what is live, what is coming, the user's
// registrations and the recordings they may watch.
import { canManageWebinar, type Webinar } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/section.tsx';
import { JoinLiveButton } from '../../features/live-sessions/components/join-live-button.tsx';
import { RecordingsSection } from '../../features/recordings/components/recordings-section.tsx';
import { MyRegistrations } from '../../features/registrations/components/my-registrations.tsx';
import { RegisterButton } from '../../features/registrations/components/register-button.tsx';
import { WebinarListSection } from '../../features/webinars/components/webinar-list-section.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useCurrentUser } from '../layouts/app-layout.tsx';

const ALL = 100;

export function PortalRoute() {
  const { t } = useTranslation('app');
  useDocumentTitle(t('portal.title'));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const student = user.role === 'student';

  const canJoin = (webinar: Webinar) =>
    canManageWebinar(user, webinar.host.id) || webinar.my_registration?.status === 'approved';
  const register = (webinar: Webinar) =>
    student ? <RegisterButton webinarId={webinar.id} registration={webinar.my_registration} /> : null;

  return (
    <div className="space-y-6">
      <PageHeader title={t('portal.title')} />
      <WebinarListSection
        title={t('portal.liveNow')}
        query={{ status: 'live', page_size: ALL }}
        empty={t('portal.nothingLive')}
        actions={(webinar) =>
          canJoin(webinar) ? (
            <JoinLiveButton
              webinarId={webinar.id}
              label={t('portal.join')}
              onJoined={() => void navigate(`/webinars/${webinar.id}`)}
            />
          ) : (
            register(webinar)
          )
        }
      />
      <WebinarListSection
        title={t('portal.upcoming')}
        query={{ status: 'upcoming', page_size: ALL }}
        empty={t('portal.noUpcoming')}
        actions={register}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <MyRegistrations />
        <RecordingsSection />
      </div>
    </div>
  );
}
