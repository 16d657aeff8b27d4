// The email channel: turns due deliveries into messages (rendered from the templates) and hands
// them to the mail transport. Nothing here decides whether to send (decide.ts) or when (worker.ts).
//
// A fan-out sends the same notification to thousands of users, and rendering React Email costs
// milliseconds, so a rendering is kept per content and time zone and only the recipient's own link
// (their unsubscribe token, URL-safe characters only) is put in its place in each copy.
import type { NotificationType } from '@webinar/contracts';
import type { DeliveryToSend } from '../deliveries.repository.ts';
import type { MailTransport, OutgoingEmail } from '../mail-transport.ts';
import type { SignedLinks } from '../signed-links.ts';
import {
  type EmailNotification,
  type RenderedEmail,
  renderDigestEmail,
  renderNotificationEmail,
  renderTestEmail,
  renderVerificationEmail,
  type WebinarFacts,
  webinarInvite,
} from '../templates/index.ts';
import { webinarReferenceOf } from './delivery-webinar.ts';

/** Stands for the recipient's unsubscribe token in a kept rendering. */
const RECIPIENT_TOKEN = 'RECIPIENT-UNSUBSCRIBE-TOKEN';
/** Renderings kept (one per distinct content and time zone in flight). */
const KEPT_RENDERINGS = 500;
/** Types whose emails carry the webinar as a calendar invite. */
const INVITE_TYPES: ReadonlySet<NotificationType> = new Set(['upcoming_webinar', 'registration_approved']);

export type ComposedEmail = Omit<OutgoingEmail, 'to' | 'messageId'>;

export interface EmailChannel {
  /** Whether messages really leave (SMTP_URL set); otherwise they are rendered for the log only. */
  readonly sends: boolean;
  /**
   * The message for one delivery, or for a digest's several (same user and type, oldest first).
   * Throws if the deliveries' data is gone (a deleted notification).
   */
  compose(deliveries: readonly DeliveryToSend[], address: string): Promise<ComposedEmail>;
  /** The message that checks the mail settings. */
  composeTest(): Promise<ComposedEmail>;
  send(email: OutgoingEmail): Promise<{ response: string }>;
  /** `<delivery-42@example.com>` for `delivery-42`, in the sender's domain. */
  messageId(localPart: string): string;
  close(): void;
}

export interface EmailChannelDeps {
  from: string;
  publicUrl: string;
  signedLinks: SignedLinks;
  /** Null when no SMTP server is configured. */
  transport: MailTransport | null;
  now: () => Date;
}

export function createEmailChannel(deps: EmailChannelDeps): EmailChannel {
  const { publicUrl, signedLinks } = deps;
  const messageIdDomain = deps.from.match(/@([^>\s]+)>?\s*$/)?.[1] ?? 'localhost';
  const renderings = new Map<string, Promise<RenderedEmail>>();
  const placeholderUnsubscribe = `${publicUrl}/unsubscribe/${RECIPIENT_TOKEN}`;

  /** A kept rendering, or a new one (dropping the oldest when full). */
  function rendered(key: string, render: () => Promise<RenderedEmail>): Promise<RenderedEmail> {
    let rendering = renderings.get(key);
    if (!rendering) {
      if (renderings.size >= KEPT_RENDERINGS) renderings.delete(renderings.keys().next().value as string);
      rendering = render();
      rendering.catch(() => renderings.delete(key));
      renderings.set(key, rendering);
    }
    return rendering;
  }

  function webinarOf(delivery: DeliveryToSend): WebinarFacts | null {
    const reference = webinarReferenceOf(delivery);
    if (reference === null || delivery.webinar_starts_at === null) return null;
    return {
      ...reference,
      title: delivery.webinar_title ?? '',
      description: delivery.webinar_description ?? '',
      startsAt: new Date(delivery.webinar_starts_at),
      durationMinutes: delivery.webinar_duration_minutes ?? 60,
    };
  }

  function notificationOf(delivery: DeliveryToSend): EmailNotification {
    if (
      delivery.title === null ||
      delivery.notification_type === null ||
      delivery.notification_created_at === null
    )
      throw new Error(`delivery ${delivery.id} has no notification to render`);
    return {
      type: delivery.notification_type,
      title: delivery.title,
      content: delivery.content ?? '',
      createdAt: new Date(delivery.notification_created_at),
      webinar: webinarOf(delivery),
    };
  }

  async function composeNotification(deliveries: readonly DeliveryToSend[]): Promise<ComposedEmail> {
    const first = deliveries[0];
    if (!first?.notification_type) throw new Error('nothing to compose');
    const type = first.notification_type;
    const items = deliveries.map(notificationOf);
    const timeZone = first.time_zone ?? 'UTC';
    const context = { publicUrl, timeZone, unsubscribeUrl: placeholderUnsubscribe };
    const key = JSON.stringify([timeZone, items]);
    const template = await rendered(key, () =>
      items.length === 1 && items[0]
        ? renderNotificationEmail(items[0], context)
        : renderDigestEmail(type, items, context),
    );
    const token = signedLinks.unsubscribe({ userId: first.user_id, type });
    const webinar = items.length === 1 ? items[0]?.webinar : null;
    return {
      from: deps.from,
      subject: template.subject,
      html: template.html.replaceAll(RECIPIENT_TOKEN, token),
      text: template.text.replaceAll(RECIPIENT_TOKEN, token),
      headers: {
        // RFC 8058: a mail client's "Unsubscribe" button POSTs here, without opening a page.
        'List-Unsubscribe': `<${publicUrl}/api/email/one-click-unsubscribe/${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      attachments:
        webinar && INVITE_TYPES.has(type)
          ? [
              {
                filename: 'webinar.ics',
                content: webinarInvite(webinar, publicUrl),
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              },
            ]
          : [],
    };
  }

  async function compose(deliveries: readonly DeliveryToSend[], address: string): Promise<ComposedEmail> {
    const first = deliveries[0];
    if (!first) throw new Error('nothing to compose');
    if (first.purpose === 'notification') return composeNotification(deliveries);
    if (first.purpose === 'test') return composeTest();
    const verifyUrl = `${publicUrl}/verify-email/${signedLinks.verification({ userId: first.user_id, email: address })}`;
    const template = await renderVerificationEmail({ address, verifyUrl, publicUrl });
    return { from: deps.from, ...template, headers: {}, attachments: [] };
  }

  async function composeTest(): Promise<ComposedEmail> {
    const template = await renderTestEmail({ publicUrl, sentAt: deps.now() });
    return { from: deps.from, ...template, headers: {}, attachments: [] };
  }

  return {
    sends: deps.transport !== null,
    compose,
    composeTest,
    async send(email) {
      if (!deps.transport) throw new Error('no SMTP server is configured');
      return deps.transport.send(email);
    },
    messageId: (localPart) => `<${localPart}@${messageIdDomain}>`,
    close() {
      deps.transport?.close();
    },
  };
}
