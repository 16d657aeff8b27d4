// A webinar as an iCalendar file (RFC 5545) that calendar apps import: one event, published rather
// than an invitation to answer, with a UID that stays the same so importing it again updates it.
import { createEvent, type EventAttributes } from 'ics';
import { webinarUrl } from './email-links.ts';
import type { WebinarFacts } from './email-types.ts';

const PRODUCT_ID = '-//Webinars//Webinar calendar//EN';

/** The library writes DTSTAMP from `timestamp` but its types leave that attribute out. */
type StampedEvent = EventAttributes & { timestamp: number };

/**
 * The webinar as one VEVENT. `stampedAt` is the DTSTAMP, the moment the file is made: pass the
 * clock's time for files handed out now.
 */
export function webinarInvite(
  webinar: Omit<WebinarFacts, 'status'>,
  publicUrl: string,
  stampedAt = new Date(),
): string {
  const event: StampedEvent = {
    method: 'PUBLISH',
    productId: PRODUCT_ID,
    uid: `webinar-${webinar.id}@${new URL(publicUrl).hostname}`,
    title: webinar.title,
    description: webinar.description,
    url: webinarUrl(publicUrl, webinar.id),
    start: webinar.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: webinar.durationMinutes },
    status: 'CONFIRMED',
    timestamp: stampedAt.getTime(),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('The calendar event could not be written');
  return value;
}
