// A system message to one user, a role or everyone. Its one caller is the demo seed (seed/demo.ts,
// the welcome message); the admin API, the admin panel and the command line's `notify` send system
// messages like any other type, through admin-notifications.service.ts.
import type { NewNotifications, Recipients } from '../notifications.service.ts';

export function systemMessageNotification(message: {
  title: string;
  content: string;
  recipients: Recipients;
  idempotencyKey?: string;
}): NewNotifications {
  return { type: 'system', ...message };
}
