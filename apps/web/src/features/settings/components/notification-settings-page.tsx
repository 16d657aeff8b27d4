// /settings/notifications: the user's email address and time zone, and which notification types
// reach them in the app and by email.
import { PageHeader } from '../../../components/ui/section.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { ChannelMatrix } from './channel-matrix.tsx';
import { ContactSection } from './contact-section.tsx';

export function NotificationSettingsPage() {
  useDocumentTitle('Notification settings');
  return (
    <div className="space-y-6">
      <PageHeader title="Notification settings" />
      <ContactSection />
      <ChannelMatrix />
    </div>
  );
}
