// Every email's subject, HTML and plain text, and the webinar's calendar file. The renderers load
// React and the email components on first use: a server that never renders an email never pays
// for them.
import type { NotificationType } from '@webinar/contracts';
import type { EmailContext, EmailNotification, RenderedEmail } from './email-types.ts';

export type { EmailContext, EmailNotification, RenderedEmail, WebinarFacts } from './email-types.ts';
export { webinarInvite } from './webinar-invite.ts';

export async function renderNotificationEmail(
  notification: EmailNotification,
  ctx: EmailContext,
): Promise<RenderedEmail> {
  const { renderNotificationEmail: render } = await import('./notification-email.tsx');
  return render(notification, ctx);
}

/** Several notifications of one type in one message, e.g. subject "3 new recordings". */
export async function renderDigestEmail(
  type: NotificationType,
  items: EmailNotification[],
  ctx: EmailContext,
): Promise<RenderedEmail> {
  const { renderDigestEmail: render } = await import('./digest-email.tsx');
  return render(type, items, ctx);
}

export async function renderVerificationEmail(input: {
  address: string;
  verifyUrl: string;
  publicUrl: string;
}): Promise<RenderedEmail> {
  const { renderVerificationEmail: render } = await import('./verification-email.tsx');
  return render(input);
}

export async function renderTestEmail(input: { publicUrl: string; sentAt: Date }): Promise<RenderedEmail> {
  const { renderTestEmail: render } = await import('./test-email.tsx');
  return render(input);
}
