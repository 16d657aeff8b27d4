// The user portal (the original UserWebinarPortal): what is live, what is coming, the user's
// registrations and the recordings they may watch.
import type { Webinar } from '@webinar/contracts';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/section.tsx';
import { JoinLiveButton } from '../../features/live-sessions/components/join-live-button.tsx';
import { RecordingsSection } from '../../features/recordings/components/recordings-section.tsx';
import { MyRegistrations } from '../../features/registrations/components/my-registrations.tsx';
import { RegisterButton } from '../../features/registrations/components/register-button.tsx';
import { canManageWebinar } from '../../features/webinars/can-manage-webinar.ts';
import { WebinarListSection } from '../../features/webinars/components/webinar-list-section.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useCurrentUser } from '../layouts/app-layout.tsx';

const ALL = 100;

export function PortalRoute() {
  useDocumentTitle('Portal');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const student = user.role === 'student';

  const canJoin = (webinar: Webinar) =>
    canManageWebinar(user, webinar) || webinar.my_registration?.status === 'approved';
  const register = (webinar: Webinar) =>
    student ? <RegisterButton webinarId={webinar.id} registration={webinar.my_registration} /> : null;

  return (
    <div className="space-y-6">
      <PageHeader title="Portal" />
      <WebinarListSection
        title="Live now"
        query={{ status: 'live', page_size: ALL }}
        empty="Nothing is live right now."
        actions={(webinar) =>
          canJoin(webinar) ? (
            <JoinLiveButton
              webinarId={webinar.id}
              label="Join"
              onJoined={() => void navigate(`/webinars/${webinar.id}`)}
            />
          ) : (
            register(webinar)
          )
        }
      />
      <WebinarListSection
        title="Upcoming webinars"
        query={{ status: 'upcoming', page_size: ALL }}
        empty="No upcoming webinars."
        actions={register}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <MyRegistrations />
        <RecordingsSection />
      </div>
    </div>
  );
}
