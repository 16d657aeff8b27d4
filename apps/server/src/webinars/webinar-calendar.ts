// A webinar as a file for calendar apps: the iCalendar text and a name to save it under.
import { webinarInvite } from '../deliveries/templates/webinar-invite.ts';
import type { WebinarWithHost } from './webinars.repository.ts';

const MAX_NAME_LENGTH = 60;

/**
 * The title in lower-case ASCII letters, digits and hyphens: safe in a Content-Disposition header
 * and on every file system. A title with none of those gives `webinar-<id>`.
 */
export function calendarFilename(webinar: Pick<WebinarWithHost, 'id' | 'title'>): string {
  const slug = webinar.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/^-+|-+$/g, '');
  return `${slug || `webinar-${webinar.id}`}.ics`;
}

export function webinarCalendar(webinar: WebinarWithHost, publicUrl: string, now: Date) {
  const facts = {
    id: webinar.id,
    title: webinar.title,
    description: webinar.description,
    startsAt: webinar.starts_at,
    durationMinutes: webinar.duration_minutes,
  };
  return { filename: calendarFilename(webinar), body: webinarInvite(facts, publicUrl, now) };
}
