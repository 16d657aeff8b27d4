// Several notifications of one type in one message ("3 new recordings"): each with its title
// linked to where its own action leads, and one action for them all.
import { Heading } from '@react-email/heading';
import { Link } from '@react-email/link';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { NotificationType } from '@webinar/contracts';
import { ActionButton } from './components/action-button.tsx';
import { EmailHeading } from './components/email-heading.tsx';
import { EmailLayout } from './components/email-layout.tsx';
import { colors, small } from './components/email-styles.ts';
import { MessageText } from './components/message-text.tsx';
import { NotificationFooter } from './components/notification-footer.tsx';
import { webinarWhen } from './components/webinar-when.tsx';
import { leadAction } from './email-links.ts';
import {
  DEFAULT_PRODUCT_NAME,
  type EmailContext,
  type EmailNotification,
  type RenderedEmail,
} from './email-types.ts';
import { renderNotificationEmail } from './notification-email.tsx';
import { preheaderOf } from './preheader.ts';
import { renderEmail } from './render-email.ts';

const COUNTED: Record<NotificationType, (count: number) => string> = {
  live_started: (n) => `${n} webinars are live now`,
  live_ended: (n) => `${n} live sessions have ended`,
  announcement: (n) => `${n} new announcements`,
  registration_approved: (n) => `${n} registrations approved`,
  system: (n) => `${n} new messages`,
  new_recording: (n) => `${n} new recordings`,
  upcoming_webinar: (n) => `${n} upcoming webinars`,
};

/** The items' webinar when they all share one, so the action can go straight to it. */
function sharedWebinar(items: EmailNotification[]) {
  const first = items[0]?.webinar ?? null;
  return first && items.every((item) => item.webinar?.id === first.id) ? first : null;
}

function DigestItem({ item, ctx }: { item: EmailNotification; ctx: EmailContext }) {
  const action = leadAction(item.type, item.webinar, ctx.publicUrl);
  return (
    <Section style={{ borderTop: `1px solid ${colors.border}`, padding: '16px 0 0' }}>
      <Heading
        as="h2"
        className="email-text"
        style={{ color: colors.text, fontSize: '17px', lineHeight: '24px', margin: '0 0 8px' }}
      >
        <Link className="email-link" href={action.url} style={{ color: colors.action }}>
          {item.title}
        </Link>
      </Heading>
      {item.webinar && (
        <Text className="email-muted" style={small}>
          {webinarWhen(item.webinar, ctx.timeZone)}
        </Text>
      )}
      {action.unavailable && (
        <Text className="email-muted" style={small}>
          {action.unavailable}
        </Text>
      )}
      <MessageText text={item.content} />
    </Section>
  );
}

function DigestEmail({
  type,
  items,
  subject,
  ctx,
}: {
  type: NotificationType;
  items: EmailNotification[];
  subject: string;
  ctx: EmailContext;
}) {
  const productName = ctx.productName ?? DEFAULT_PRODUCT_NAME;
  return (
    <EmailLayout
      preheader={preheaderOf(items.map((item) => item.title).join(' · '))}
      productName={productName}
      publicUrl={ctx.publicUrl}
      footer={<NotificationFooter type={type} productName={productName} ctx={ctx} />}
    >
      <EmailHeading>{subject}</EmailHeading>
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is rendered once, never reordered
        <DigestItem key={index} item={item} ctx={ctx} />
      ))}
      <ActionButton action={leadAction(type, sharedWebinar(items), ctx.publicUrl)} />
    </EmailLayout>
  );
}

/** A digest of one is that one notification's own email. */
export function renderDigestEmail(
  type: NotificationType,
  items: EmailNotification[],
  ctx: EmailContext,
): Promise<RenderedEmail> {
  const [first] = items;
  if (!first) throw new Error('A digest needs at least one notification');
  if (items.length === 1) return renderNotificationEmail(first, ctx);
  const subject = COUNTED[type](items.length);
  return renderEmail(subject, <DigestEmail type={type} items={items} subject={subject} ctx={ctx} />);
}
