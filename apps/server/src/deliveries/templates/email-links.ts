// Where each email sends its reader: one action per notification type, as absolute links under the
// public URL, since a mail client has no page to resolve a relative link against.
import type { NotificationType } from '@webinar/contracts';
import type { WebinarFacts } from './email-types.ts';

export interface EmailAction {
  label: string;
  url: string;
}

const OPEN_NOTIFICATIONS = 'Open notifications';

export function notificationsUrl(publicUrl: string): string {
  return `${publicUrl}/notifications`;
}

export function emailSettingsUrl(publicUrl: string): string {
  return `${publicUrl}/settings/notifications`;
}

export function webinarUrl(publicUrl: string, webinarId: number): string {
  return `${publicUrl}/webinars/${webinarId}`;
}

/** The one action a notification email offers; without a webinar, the notifications page. */
export function actionFor(
  type: NotificationType,
  webinar: Pick<WebinarFacts, 'id'> | null,
  publicUrl: string,
): EmailAction {
  if (webinar) {
    const page = webinarUrl(publicUrl, webinar.id);
    switch (type) {
      case 'live_started':
        return { label: 'Join now', url: page };
      case 'upcoming_webinar':
      case 'registration_approved':
        return { label: 'View webinar', url: page };
      case 'new_recording':
        return { label: 'Watch recording', url: `${page}#recordings` };
    }
  }
  return { label: OPEN_NOTIFICATIONS, url: notificationsUrl(publicUrl) };
}
