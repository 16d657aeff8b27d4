// What the email templates are given and what they give back. Plain data only: the templates never
// read the database or the clock, so the same input always renders the same message.
import { type NotificationType, PRODUCT_NAME, type WebinarStatus } from '@webinar/contracts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface WebinarFacts {
  id: number;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  /** Its state when the message is made: which of the notification's actions still apply. */
  status: WebinarStatus;
}

export interface EmailNotification {
  type: NotificationType;
  title: string;
  content: string;
  createdAt: Date;
  webinar: WebinarFacts | null;
}

export interface EmailContext {
  /** Origin and optional path prefix, without a trailing slash. */
  publicUrl: string;
  /** IANA name of the recipient's zone: times are shown in it, with the zone named. */
  timeZone: string;
  /** Written out verbatim: the sender may put a per-recipient placeholder here. */
  unsubscribeUrl: string;
  /** Defaults to the product's name. */
  productName?: string;
}

export const DEFAULT_PRODUCT_NAME = PRODUCT_NAME;
