import Type from 'typebox';
import { DateTime, Nullable, Role, StringEnum } from './common.ts';
import { MAX_NOTIFICATION_TITLE, Notification, NotificationType } from './notifications.ts';
import { PageQuery, RowId } from './platform.ts';

export const AdminNotification = Type.Object({
  ...Notification.properties,
  user: Type.Object({ id: Type.Integer(), username: Type.String() }),
});
export type AdminNotification = Type.Static<typeof AdminNotification>;

export const ADMIN_ORDERINGS = [
  '-created_at',
  'created_at',
  'user',
  '-user',
  'notification_type',
  'is_read',
] as const;

export const AdminNotificationQuery = Type.Object({
  user: Type.Optional(RowId),
  notification_type: Type.Optional(NotificationType),
  is_read: Type.Optional(Type.Boolean()),
  created_after: Type.Optional(DateTime),
  created_before: Type.Optional(DateTime),
  /** Matches title, content and the recipient's username, case-insensitively. */
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  ordering: Type.Optional(
    StringEnum(['-created_at', 'created_at', 'user', '-user', 'notification_type', 'is_read']),
  ),
  ...PageQuery.properties,
});
export type AdminNotificationQuery = Type.Static<typeof AdminNotificationQuery>;

export const AdminNotificationPage = Type.Object({
  count: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
  results: Type.Array(AdminNotification),
});

export const AdminNotificationUpdate = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_NOTIFICATION_TITLE })),
    content: Type.Optional(Type.String({ minLength: 1, maxLength: 10000 })),
    notification_type: Type.Optional(NotificationType),
    is_read: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AdminNotificationUpdate = Type.Static<typeof AdminNotificationUpdate>;

/** Exactly one of user_ids, role and everyone names the recipients. */
export const AdminNotificationCreate = Type.Object(
  {
    user_ids: Type.Optional(Type.Array(RowId, { minItems: 1, maxItems: 10000 })),
    role: Type.Optional(Role),
    everyone: Type.Optional(Type.Literal(true)),
    notification_type: NotificationType,
    title: Type.String({ minLength: 1, maxLength: MAX_NOTIFICATION_TITLE }),
    content: Type.String({ minLength: 1, maxLength: 10000 }),
    webinar_id: Type.Optional(Nullable(RowId)),
  },
  { additionalProperties: false },
);
export type AdminNotificationCreate = Type.Static<typeof AdminNotificationCreate>;

export const AdminNotificationCreated = Type.Object({
  created: Type.Integer(),
  /** True when an Idempotency-Key was seen before: the first request's count; this one created nothing. */
  replayed: Type.Boolean(),
});

/** The admin's user picker: usernames starting with `search` (any case), optionally of one role. */
export const AdminUserQuery = Type.Object({
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 150 })),
  role: Type.Optional(Role),
  ...PageQuery.properties,
});
export type AdminUserQuery = Type.Static<typeof AdminUserQuery>;

export const AdminUserSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
  role: Role,
});
export type AdminUserSummary = Type.Static<typeof AdminUserSummary>;

export const AdminUserPage = Type.Object({
  count: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
  results: Type.Array(AdminUserSummary),
});
export type AdminUserPage = Type.Static<typeof AdminUserPage>;

/** The live event streams open on the process that answered (each process counts its own). */
export const OpenStreams = Type.Object({
  open_streams: Type.Integer({ minimum: 0 }),
});
export type OpenStreams = Type.Static<typeof OpenStreams>;
