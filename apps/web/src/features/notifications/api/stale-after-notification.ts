// What else a notification says has changed: a live start or end changes the webinar's status (the
// portal's Live now / Upcoming, the webinar page's Join), a recording the recording lists, an
// approval the registrations. Those resources are refetched, not only the notification views.
import type { NotificationType } from '@webinar/contracts';
import { resourceKeys } from '../../../lib/query-keys.ts';

const CONCERNS: Record<NotificationType, ReadonlyArray<readonly string[]>> = {
  live_started: [resourceKeys.webinars],
  live_ended: [resourceKeys.webinars, resourceKeys.recordings],
  new_recording: [resourceKeys.recordings, resourceKeys.webinars],
  registration_approved: [resourceKeys.registrations, resourceKeys.webinars],
  upcoming_webinar: [resourceKeys.webinars],
  announcement: [resourceKeys.announcements],
  system: [],
};

/** The query-key roots to refetch when a notification of this type arrives. */
export function queryRootsConcernedBy(type: NotificationType): ReadonlyArray<readonly string[]> {
  return CONCERNS[type];
}
