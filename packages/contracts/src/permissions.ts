// Who may do what, where the web app needs the same answer as the server (to show only the buttons
// that will work). The server enforces these; the web app only follows them.
import type { Role } from './common.ts';

/**
 * Who may manage a webinar (edit it, decide registrations, run its live sessions, add recordings):
 * its host, or any admin.
 */
export function canManageWebinar(actor: { id: number; role: Role }, hostId: number): boolean {
  return actor.role === 'admin' || (actor.role === 'host' && hostId === actor.id);
}
