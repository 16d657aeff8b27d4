// A live session ended: tell everyone who joined it.
import type { NewNotifications } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export function liveSessionEndedNotification(session: {
  id: number;
  webinarId: number;
  webinarTitle: string;
}): NewNotifications {
  return {
    type: 'live_ended',
    title: notificationTitle('Session ended: ', session.webinarTitle),
    content: `The live session of "${session.webinarTitle}" has ended. Thank you for joining!`,
    webinarId: session.webinarId,
    params: { webinar_title: session.webinarTitle },
    recipients: { sessionParticipants: session.id },
    idempotencyKey: `live_ended:${session.webinarId}:${session.id}`,
  };
}
