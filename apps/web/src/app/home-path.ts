import type { Role } from '@webinar/contracts';

/** Where a user lands after signing in: students in the portal, hosts and admins on the dashboard. */
export function homePath(role: Role): string {
  return role === 'student' ? '/portal' : '/dashboard';
}

/** A `next` location from the URL, only if it is a path on this site (no open redirect). */
export function safeNextPath(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}
