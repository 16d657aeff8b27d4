import type { Registration } from '@webinar/contracts';
import type { RegistrationRow } from './registrations.repository.ts';

export function toRegistration(row: RegistrationRow): Registration {
  return {
    id: row.id,
    user: { id: row.user_id, username: row.username, display_name: row.display_name },
    webinar: { id: row.webinar_id, title: row.webinar_title },
    status: row.status,
    created_at: row.created_at.toISOString(),
    decided_at: row.decided_at ? row.decided_at.toISOString() : null,
  };
}
