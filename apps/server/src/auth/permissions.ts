// Who may manage a webinar: its host, or any admin. One rule, used by every module that acts on
// a webinar (editing, registrations, live sessions, recordings).
import type { AuthContext } from './authenticate.ts';

export function canManageWebinar(actor: AuthContext, webinar: { host_id: number }): boolean {
  return actor.role === 'admin' || (actor.role === 'host' && webinar.host_id === actor.userId);
}
