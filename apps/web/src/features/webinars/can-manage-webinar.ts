import type { User, Webinar } from '@webinar/contracts';

/** The server's rule (auth/permissions.ts), to show only the buttons that will work: its host, or an admin. */
export function canManageWebinar(user: User, webinar: Webinar): boolean {
  return user.role === 'admin' || (user.role === 'host' && webinar.host.id === user.id);
}
