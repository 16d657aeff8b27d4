// A recording was added to a webinar: tell every approved registrant.
import type { NewNotifications } from '../notifications.service.ts';
import { notificationTitle } from './notification-title.ts';

export function newRecordingNotification(recording: {
  id: number;
  title: string;
  webinarId: number;
  webinarTitle: string;
}): NewNotifications {
  return {
    type: 'new_recording',
    title: notificationTitle('New recording: ', recording.webinarTitle),
    content: `"${recording.title}" from "${recording.webinarTitle}" is now available.`,
    webinarId: recording.webinarId,
    params: { webinar_title: recording.webinarTitle, recording_title: recording.title },
    recipients: { webinarRegistrants: recording.webinarId },
    idempotencyKey: `new_recording:${recording.id}`,
  };
}
