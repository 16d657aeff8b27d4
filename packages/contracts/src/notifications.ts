import Type from 'typebox';
import { DateTime, Nullable, StringEnum } from './common.ts';
import { NotificationAction } from './notification-actions.ts';
import { WebinarStatus } from './platform.ts';

/** The seven kinds of notification, exactly; `system` cannot be muted. */
export const NOTIFICATION_TYPES = [
  'live_started',
  'live_ended',
  'announcement',
  'registration_approved',
  'system',
  'new_recording',
  'upcoming_webinar',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const NotificationType = StringEnum(NOTIFICATION_TYPES);

export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, string> = {
  live_started: 'Live Started',
  live_ended: 'Live Ended',
  announcement: 'Announcement',
  registration_approved: 'Registration Approved',
  system: 'System Notification',
  new_recording: 'New Recording',
  upcoming_webinar: 'Upcoming Webinar',
};

export function isNotificationType(value: unknown): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly unknown[]).includes(value);
}

export const UNMUTABLE_TYPES: readonly NotificationType[] = ['system'];

/**
 * The longest notification title, in characters as PostgreSQL counts them (code points, as the
 * schemas' maxLength does): what the notifications.title column holds.
 */
export const MAX_NOTIFICATION_TITLE = 200;

/** How many of the newest notifications `recent/` answers (the bell's list). */
export const RECENT_NOTIFICATIONS_LIMIT = 10;

/**
 * How often a client asks for the unread count while the live stream is down (the count's
 * X-Poll-Interval header says it in seconds).
 */
export const UNREAD_POLL_INTERVAL_MS = 30_000;

export const RelatedWebinar = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  status: WebinarStatus,
});

export const Notification = Type.Object({
  id: Type.Integer(),
  notification_type: NotificationType,
  title: Type.String(),
  content: Type.String(),
  related_webinar: Nullable(RelatedWebinar),
  is_read: Type.Boolean(),
  read_at: Nullable(DateTime),
  /** Set while it is archived: out of the inbox, listed with `archived=true`, always read. */
  archived_at: Nullable(DateTime),
  created_at: DateTime,
  /** What the reader can do about it now (notification-actions.ts). */
  actions: Type.Array(NotificationAction),
});
export type Notification = Type.Static<typeof Notification>;

export const NotificationListQuery = Type.Object({
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  unread: Type.Optional(Type.Boolean()),
  type: Type.Optional(NotificationType),
  archived: Type.Optional(
    Type.Boolean({ description: 'true: the archived ones only; otherwise the inbox (not archived).' }),
  ),
});
export type NotificationListQuery = Type.Static<typeof NotificationListQuery>;

export const NotificationPage = Type.Object({
  results: Type.Array(Notification),
  next: Nullable(
    Type.String({
      description:
        "The next page's URL: absolute under the server's PUBLIC_URL when one is configured, " +
        'otherwise a path relative to the server. Null on the last page.',
    }),
  ),
  next_cursor: Nullable(Type.String()),
});
export type NotificationPage = Type.Static<typeof NotificationPage>;

export const NotificationList = Type.Object({ results: Type.Array(Notification) });

export const UnreadCount = Type.Object({ unread_count: Type.Integer() });
export type UnreadCount = Type.Static<typeof UnreadCount>;

export const MarkAllReadResult = Type.Object({ marked_read: Type.Integer(), unread_count: Type.Integer() });
export type MarkAllReadResult = Type.Static<typeof MarkAllReadResult>;

/** Per-type delivery preferences: `true` means the user receives that type. */
export const Preferences = Type.Object(
  Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Boolean()])) as Record<
    NotificationType,
    ReturnType<typeof Type.Boolean>
  >,
);
export type Preferences = Record<NotificationType, boolean>;

export const PreferencesUpdate = Type.Object(
  Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Optional(Type.Boolean())])) as Record<
    NotificationType,
    ReturnType<typeof Type.Optional<ReturnType<typeof Type.Boolean>>>
  >,
  { additionalProperties: false, minProperties: 1 },
);
export type PreferencesUpdate = Partial<Preferences>;
