// /settings/notifications: the user's email address and time zone, the browsers that receive
// their push notifications, and which notification types reach them in the app, by email and push.
import { PageHeader } from '../../../components/ui/section.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { ChannelMatrix } from './channel-matrix.tsx';
import { ContactSection } from './contact-section.tsx';
import { PushSection } from './push-section.tsx';

export function NotificationSettingsPage() {
  useDocumentTitle('Notification settings');
  return (
    <div className="space-y-6">
      <PageHeader title="Notification settings" />
      <ContactSection />
      <PushSection />
      <ChannelMatrix />
    </div>
  );
}
