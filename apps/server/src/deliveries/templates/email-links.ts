// Where each email sends its reader: absolute links under the public URL, since a mail client has
// no page to resolve a relative link against. The button follows the notification's actions
// (notificationActions in contracts), so an email offers what the bell offers.
import {
  type NotificationAction,
  type NotificationType,
  notificationActions,
  primaryAction,
} from '@webinar/contracts';
import type { WebinarFacts } from './email-types.ts';

export interface EmailAction {
  label: string;
  url: string;
}

/** The one link an email or a push leads with, and why the notification's own action is gone. */
export interface LeadAction extends EmailAction {
  /** Why the action the notification offered no longer applies (e.g. the live session ended). */
  unavailable: string | null;
}

/** A path of the web app or the API (`/webinars/3`, `/api/webinars/3/calendar.ics`) as a link. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl}${path}`;
}

export function notificationsUrl(publicUrl: string): string {
  return absoluteUrl(publicUrl, '/notifications');
}

export function emailSettingsUrl(publicUrl: string): string {
  return absoluteUrl(publicUrl, '/settings/notifications');
}

export function webinarUrl(publicUrl: string, webinarId: number): string {
  return absoluteUrl(publicUrl, `/webinars/${webinarId}`);
}

/**
 * An email's button and a push's click: the notification's first action that applies now, as the
 * bell shows it; without a webinar, the notifications page.
 */
export function leadAction(
  type: NotificationType,
  webinar: Pick<WebinarFacts, 'id' | 'status'> | null,
  publicUrl: string,
): LeadAction {
  return leadActionAmong(notificationActions(type, webinar), webinar?.id ?? null, publicUrl);
}

/** The same, from the notification's actions already worked out (a push shows them as buttons too). */
export function leadActionAmong(
  actions: readonly NotificationAction[],
  webinarId: number | null,
  publicUrl: string,
): LeadAction {
  const lead = primaryAction(actions);
  if (lead) return { label: lead.label, url: absoluteUrl(publicUrl, lead.href), unavailable: null };
  if (webinarId === null)
    return { label: 'Open notifications', url: notificationsUrl(publicUrl), unavailable: null };
  // A reader expects to learn why (the session ended) and still reach the webinar, not a dead button.
  return {
    label: 'View webinar',
    url: webinarUrl(publicUrl, webinarId),
    unavailable: actions.find((action) => action.unavailable !== null)?.unavailable ?? null,
  };
}
