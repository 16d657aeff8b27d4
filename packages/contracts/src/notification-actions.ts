// What a notification lets its reader do, computed from its type and its webinar's state now, so
// the bell, the notifications page, push and email offer the same actions, and one that no longer
// applies (a live session that ended) says why instead of leading to a failure.
import Type from 'typebox';
import { Nullable, StringEnum } from './common.ts';
import type { NotificationType } from './notifications.ts';
import type { WebinarStatus } from './platform.ts';

export const NOTIFICATION_ACTION_KINDS = [
  'join_live',
  'watch_recording',
  'add_to_calendar',
  'view_webinar',
] as const;
export type NotificationActionKind = (typeof NOTIFICATION_ACTION_KINDS)[number];

export const NotificationAction = Type.Object({
  kind: StringEnum(NOTIFICATION_ACTION_KINDS),
  label: Type.String(),
  /** A path of the web app, or of the API for a file to download (the calendar invite). */
  href: Type.String(),
  /** Why the action no longer applies; null while it does. */
  unavailable: Nullable(Type.String()),
});
export type NotificationAction = Type.Static<typeof NotificationAction>;

export interface ActionWebinar {
  id: number;
  status: WebinarStatus;
}

function action(
  kind: NotificationActionKind,
  label: string,
  href: string,
  unavailable: string | null = null,
): NotificationAction {
  return { kind, label, href, unavailable };
}

/** The actions of a notification of this type about this webinar (none without a webinar). */
export function notificationActions(
  type: NotificationType,
  webinar: ActionWebinar | null,
): NotificationAction[] {
  if (!webinar) return [];
  const page = `/webinars/${webinar.id}`;
  const view = action('view_webinar', 'View webinar', page);
  switch (type) {
    case 'live_started':
      return [
        action(
          'join_live',
          'Join now',
          page,
          webinar.status === 'live'
            ? null
            : webinar.status === 'ended'
              ? 'The live session has ended.'
              : 'The live session is not on now.',
        ),
      ];
    case 'new_recording':
      return [action('watch_recording', 'Watch recording', `${page}#recordings`)];
    case 'upcoming_webinar':
    case 'registration_approved':
      return [
        webinar.status === 'live' ? action('join_live', 'Join now', page) : view,
        action(
          'add_to_calendar',
          'Add to calendar',
          `/api/webinars/${webinar.id}/calendar.ics`,
          webinar.status === 'ended' ? 'This webinar has ended.' : null,
        ),
      ];
    default:
      return [view];
  }
}

/** The action to lead with where there is room for one (an email's button, a push's click). */
export function primaryAction(actions: readonly NotificationAction[]): NotificationAction | undefined {
  return actions.find((candidate) => candidate.unavailable === null && candidate.kind !== 'add_to_calendar');
}
