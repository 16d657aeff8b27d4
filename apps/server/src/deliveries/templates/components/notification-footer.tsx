// The footer of every notification email: which setting sent it, and the two ways to change that.
import { NOTIFICATION_TYPE_LABELS, type NotificationType } from '@webinar/contracts';
import { emailSettingsUrl } from '../email-links.ts';
import type { EmailContext } from '../email-types.ts';
import { EmailFooter } from './email-footer.tsx';

export function NotificationFooter({
  type,
  productName,
  ctx,
}: {
  type: NotificationType;
  productName: string;
  ctx: EmailContext;
}) {
  return (
    <EmailFooter
      note={`You receive this email because ${NOTIFICATION_TYPE_LABELS[type]} emails are on for your ${productName} account.`}
      links={[
        { label: 'Manage email settings', url: emailSettingsUrl(ctx.publicUrl) },
        { label: 'Unsubscribe from these emails', url: ctx.unsubscribeUrl },
      ]}
    />
  );
}
