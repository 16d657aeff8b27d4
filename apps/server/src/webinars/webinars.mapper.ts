import type { Webinar } from '@webinar/contracts';
import type { WebinarWithHost } from './webinars.repository.ts';

export function toWebinar(row: WebinarWithHost): Webinar {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    host: { id: row.host_id, username: row.host_username, display_name: row.host_display_name },
    starts_at: row.starts_at.toISOString(),
    duration_minutes: row.duration_minutes,
    status: row.status,
    created_at: row.created_at.toISOString(),
    my_registration:
      row.my_registration_id !== null && row.my_registration_status !== null
        ? { id: row.my_registration_id, status: row.my_registration_status }
        : null,
  };
}
