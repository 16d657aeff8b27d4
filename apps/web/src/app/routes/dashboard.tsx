// The dashboard (the original AdminDashboard), for hosts and admins: their webinars and live
// sessions, registrations to approve, announcements (admins), recordings. Every action that
// notifies users says how many, in the toast region.
import type { Webinar, WebinarListQuery } from '@webinar/contracts';
import { Mail, Plus, Send, Settings2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { PageHeader } from '../../components/ui/section.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { AnnouncementsManager } from '../../features/announcements/components/announcements-manager.tsx';
import { LiveSessionButtons } from '../../features/live-sessions/components/live-session-buttons.tsx';
import { ManageRecordings } from '../../features/recordings/components/manage-recordings.tsx';
import { PendingRegistrations } from '../../features/registrations/components/pending-registrations.tsx';
import { useWebinars } from '../../features/webinars/api/get-webinars.ts';
import { EditWebinarDialog } from '../../features/webinars/components/edit-webinar-dialog.tsx';
import { NewWebinarForm } from '../../features/webinars/components/new-webinar-form.tsx';
import { WebinarListSection } from '../../features/webinars/components/webinar-list-section.tsx';
import { notifiedMessage } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useCurrentUser } from '../layouts/app-layout.tsx';

const STATUS_ORDER: Record<Webinar['status'], number> = { live: 0, scheduled: 1, ended: 2 };

/** Live first, then upcoming by start, then ended ones, the latest first. */
function openFirst(webinars: Webinar[]): Webinar[] {
  return [...webinars].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.status === 'ended'
        ? b.starts_at.localeCompare(a.starts_at)
        : a.starts_at.localeCompare(b.starts_at)),
  );
}

function WebinarsSection({ query, chooseHost }: { query: WebinarListQuery; chooseHost: boolean }) {
  const { t } = useTranslation(['app', 'common']);
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Webinar | null>(null);
  return (
    <WebinarListSection
      title={t('dashboard.webinars')}
      query={query}
      sort={openFirst}
      empty={t('dashboard.noWebinars')}
      actions={(webinar) => (
        <>
          <Button variant="secondary" size="sm" onClick={() => setEditing(webinar)}>
            {t('common:edit')}
          </Button>
          <LiveSessionButtons
            webinarId={webinar.id}
            webinarTitle={webinar.title}
            status={webinar.status}
            onError={toast.error}
            onDone={({ action, notified }) =>
              toast.success(
                t(action === 'started' ? 'dashboard.isLive' : 'dashboard.hasEnded', {
                  title: webinar.title,
                  notified: notifiedMessage(notified),
                }),
              )
            }
          />
        </>
      )}
    >
      {creating ? (
        <NewWebinarForm
          chooseHost={chooseHost}
          onCancel={() => setCreating(false)}
          onCreated={(title) => {
            setCreating(false);
            toast.success(t('dashboard.created', { title }));
          }}
        />
      ) : (
        <Button variant="secondary" className="mb-6" onClick={() => setCreating(true)}>
          <Plus aria-hidden className="size-4" />
          {t('dashboard.newWebinar')}
        </Button>
      )}
      {editing ? (
        <EditWebinarDialog
          webinar={editing}
          onClose={() => setEditing(null)}
          onSaved={(title) => {
            setEditing(null);
            toast.success(t('dashboard.saved', { title }));
          }}
        />
      ) : null}
    </WebinarListSection>
  );
}

export function DashboardRoute() {
  const { t } = useTranslation('app');
  useDocumentTitle(t('dashboard.title'));
  const user = useCurrentUser();
  const admin = user.role === 'admin';
  // Admins manage every webinar; hosts the ones they host.
  const query: WebinarListQuery = admin ? { page_size: 100 } : { mine: true, page_size: 100 };
  const managed = useWebinars(query).data?.results ?? [];
  const open = managed.filter((webinar) => webinar.status !== 'ended');

  return (
    <div className="space-y-6">
      <PageHeader title={t('dashboard.title')}>
        {admin ? (
          <>
            <Link to="/dashboard/notifications" className={buttonClass('secondary')}>
              <Settings2 aria-hidden className="size-4" />
              {t('dashboard.notificationsAdmin')}
            </Link>
            <Link to="/dashboard/deliveries" className={buttonClass('secondary')}>
              <Send aria-hidden className="size-4" />
              {t('dashboard.deliveries')}
            </Link>
            <Link to="/dashboard/email-policies" className={buttonClass('secondary')}>
              <Mail aria-hidden className="size-4" />
              {t('dashboard.deliveryPolicies')}
            </Link>
          </>
        ) : null}
      </PageHeader>
      <WebinarsSection query={query} chooseHost={admin} />
      <PendingRegistrations webinarIds={open.map((webinar) => webinar.id)} />
      {admin ? <AnnouncementsManager /> : null}
      <ManageRecordings webinars={managed.map(({ id, title }) => ({ id, title }))} />
    </div>
  );
}
