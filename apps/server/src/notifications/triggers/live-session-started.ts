// A webinar's live session started: tell every approved registrant.
import type { NewNotifications } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export function liveSessionStartedNotification(session: {
  id: number;
  webinarId: number;
  webinarTitle: string;
}): NewNotifications {
  return {
    type: 'live_started',
    title: notificationTitle('Live now: ', session.webinarTitle),
    content: `"${session.webinarTitle}" has started. Join the live session!`,
    webinarId: session.webinarId,
    params: { webinar_title: session.webinarTitle },
    recipients: { webinarRegistrants: session.webinarId },
    idempotencyKey: `live_started:${session.webinarId}:${session.id}`,
  };
}
