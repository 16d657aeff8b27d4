// A host or admin approved a registration: tell that user.
import type { NewNotifications } from '../notifications.service.ts';

export function registrationApprovedNotification(registration: {
  id: number;
  userId: number;
  webinarId: number;
  webinarTitle: string;
}): NewNotifications {
  return {
    type: 'registration_approved',
    title: 'Registration approved',
    content: `You are registered for "${registration.webinarTitle}".`,
    webinarId: registration.webinarId,
    params: { webinar_title: registration.webinarTitle },
    recipients: { userIds: [registration.userId] },
    idempotencyKey: `registration_approved:${registration.id}`,
  };
}
