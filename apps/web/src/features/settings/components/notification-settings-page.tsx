// /settings/notifications: the user's email address and time zone, the browsers that receive
// their push notifications, and which notification types reach them in the app, by email and push.
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/ui/section.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { ChannelMatrix } from './channel-matrix.tsx';
import { ContactSection } from './contact-section.tsx';
import { PushSection } from './push-section.tsx';

export function NotificationSettingsPage() {
  const { t } = useTranslation('settings');
  useDocumentTitle(t('title'));
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} />
      <ContactSection />
      <PushSection />
      <ChannelMatrix />
    </div>
  );
}
