// An admin's system message to one user, a role or everyone (API, admin panel, command line).
import type { NewNotifications, Recipients } from '../notifications.service.ts';

export function systemMessageNotification(message: {
  title: string;
  content: string;
  recipients: Recipients;
  idempotencyKey?: string;
}): NewNotifications {
  return { type: 'system', ...message };
}
