// One notification as an email: its title, the webinar's time in the reader's zone, the message,
// and the one action the bell would lead with.
import { ActionButton } from './components/action-button.tsx';
import { EmailHeading } from './components/email-heading.tsx';
import { EmailLayout } from './components/email-layout.tsx';
import { MessageText } from './components/message-text.tsx';
import { NotificationFooter } from './components/notification-footer.tsx';
import { WebinarWhen } from './components/webinar-when.tsx';
import { leadAction } from './email-links.ts';
import {
  DEFAULT_PRODUCT_NAME,
  type EmailContext,
  type EmailNotification,
  type RenderedEmail,
} from './email-types.ts';
import { preheaderOf } from './preheader.ts';
import { renderEmail } from './render-email.ts';

/** The notification's own title, which names the webinar; an approval's title alone does not. */
function subjectOf(notification: EmailNotification): string {
  if (notification.type === 'registration_approved' && notification.webinar)
    return `Registration approved: ${notification.webinar.title}`;
  return notification.title;
}

function NotificationEmail({ notification, ctx }: { notification: EmailNotification; ctx: EmailContext }) {
  const productName = ctx.productName ?? DEFAULT_PRODUCT_NAME;
  const { type, webinar } = notification;
  return (
    <EmailLayout
      preheader={preheaderOf(notification.content)}
      productName={productName}
      publicUrl={ctx.publicUrl}
      footer={<NotificationFooter type={type} productName={productName} ctx={ctx} />}
    >
      <EmailHeading>{notification.title}</EmailHeading>
      {webinar && <WebinarWhen webinar={webinar} timeZone={ctx.timeZone} />}
      <MessageText text={notification.content} />
      <ActionButton action={leadAction(type, webinar, ctx.publicUrl)} />
    </EmailLayout>
  );
}

export function renderNotificationEmail(
  notification: EmailNotification,
  ctx: EmailContext,
): Promise<RenderedEmail> {
  return renderEmail(subjectOf(notification), <NotificationEmail notification={notification} ctx={ctx} />);
}
