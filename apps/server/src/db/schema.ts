// Table types for Kysely. They mirror the migrations; a migration that changes a table changes
// its type here in the same commit.

import type {
  DeliveryChannel,
  DeliveryPurpose,
  DeliveryStatus,
  DeliveryTiming,
  NotificationType,
  Role,
} from '@webinar/contracts';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  /** Raised by a password change or deletion: bearer tokens of an older version are refused. */
  auth_version: Generated<number>;
  /** An IANA name; emails give times in it. */
  time_zone: Generated<string>;
  /** When the current address was confirmed through its link; null while unverified. */
  email_verified_at: Date | null;
  /** When a mail server refused the address for good; no email goes to it until it changes. */
  email_failed_at: Date | null;
  email_failure: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a leaked table does not leak usable sessions. */
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Date;
}

export type WebinarStatus = 'scheduled' | 'live' | 'ended';

export interface WebinarsTable {
  id: Generated<number>;
  title: string;
  description: string;
  host_id: number;
  starts_at: Date;
  duration_minutes: Generated<number>;
  status: Generated<WebinarStatus>;
  created_at: CreatedAt;
}

/** The values a notification's text was made from, by name: `{ webinar_title: "..." }`. */
export type NotificationParams = Record<string, string | number>;

export interface NotificationEventsTable {
  id: Generated<number>;
  /** Names one event, e.g. `live_started:12:3`; a repeated key creates nothing more. */
  idempotency_key: string | null;
  notification_type: NotificationType;
  created_count: Generated<number>;
  created_at: CreatedAt;
  /** What a fan-out job still has to send (see notifications/fanout-job.ts); null when done. */
  pending_fanout: ColumnType<PendingFanout | null, string | null, string | null>;
  /** What its notifications were made from, to render them again (migration 0015). */
  params: ColumnType<NotificationParams | null, string | null, string | null>;
  /** The last user id the job has notified. */
  fanout_cursor: number | null;
}

export interface PendingFanout {
  type: NotificationType;
  title: string;
  content: string;
  webinarId: number | null;
  recipients:
    | { role: Role }
    | { everyone: true }
    | { webinarRegistrants: number }
    | { sessionParticipants: number };
  excludeUserIds: number[];
  createdAt: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  notification_type: NotificationType;
  title: string;
  content: string;
  webinar_id: number | null;
  event_id: number | null;
  is_read: Generated<boolean>;
  read_at: Date | null;
  /** Set while the user keeps it out of their inbox (an archived row is always read). */
  archived_at: Date | null;
  created_at: CreatedAt;
}

/**
 * "Mark all read" at `marked_at`: every notification of the user with an id up to `read_through`
 * reads as read (migration 0006).
 */
export interface NotificationReadMarksTable {
  user_id: number;
  read_through: number;
  marked_at: Date;
}

export interface NotificationPreferencesTable {
  user_id: number;
  notification_type: NotificationType;
  /** Only muted types are stored: no row means the user receives that type. */
  muted: boolean;
}

export interface RegistrationsTable {
  id: Generated<number>;
  user_id: number;
  webinar_id: number;
  status: 'pending' | 'approved' | 'rejected';
  created_at: CreatedAt;
  decided_at: Date | null;
}

export interface LiveSessionsTable {
  id: Generated<number>;
  webinar_id: number;
  started_by: number | null;
  started_at: CreatedAt;
  ended_at: Date | null;
}

export interface LiveSessionParticipantsTable {
  session_id: number;
  user_id: number;
  joined_at: CreatedAt;
}

export interface AnnouncementsTable {
  id: Generated<number>;
  title: string;
  content: string;
  author_id: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** When a scheduled announcement goes out; null: it went out when it was made (migration 0013). */
  send_at: Date | null;
  state: Generated<AnnouncementState>;
  sent_at: Date | null;
}

export type AnnouncementState = 'scheduled' | 'sent' | 'cancelled' | 'missed';

/** An Idempotency-Key a user has sent, with what it asked and the first answer (migration 0009). */
export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  fingerprint: string;
  /** Written as JSON text; null only while the request that claimed the key is running. */
  response: ColumnType<unknown, never, string>;
  created_at: CreatedAt;
}

export interface RecordingsTable {
  id: Generated<number>;
  webinar_id: number;
  title: string;
  url: string;
  added_by: number | null;
  created_at: CreatedAt;
}

export interface ReminderDeliveriesTable {
  webinar_id: number;
  /** The start the reminder was sent for: a rescheduled webinar's windows open again. */
  starts_at: Date;
  reminder_window: '24h' | '1h';
  user_id: number;
  sent_at: CreatedAt;
}

/** Sign-in attempts of one key (`address:`, `username:`, `device:`) in its current window (migration 0007). */
export interface SignInAttemptsTable {
  key: string;
  attempts: number;
  resets_at: Date;
}

export interface AppSettingsTable {
  key: string;
  value: string;
}

export interface DeliveryPoliciesTable {
  notification_type: NotificationType;
  channel: DeliveryChannel;
  timing: DeliveryTiming;
  delay_minutes: number;
}

/** A user's override of a policy on one channel; no row means the policy's default. */
export interface ChannelPreferencesTable {
  user_id: number;
  notification_type: NotificationType;
  channel: DeliveryChannel;
  enabled: boolean;
}

/** One message a channel must carry, and what became of it (see deliveries/). */
export interface DeliveriesTable {
  id: Generated<number>;
  channel: DeliveryChannel;
  purpose: Generated<DeliveryPurpose>;
  user_id: number;
  notification_id: number | null;
  notification_type: NotificationType | null;
  status: Generated<DeliveryStatus>;
  due_at: Date;
  attempts: Generated<number>;
  locked_until: Date | null;
  reason: string | null;
  address: string | null;
  digest_id: number | null;
  payload: ColumnType<DeliveryPayload | null, string | null, string | null>;
  created_at: CreatedAt;
  finished_at: Date | null;
  /** Push: the browsers (subscription ids) that have it, once a try left one to try again (0016). */
  received_by: number[] | null;
}

/** What a message other than a notification needs. */
export interface DeliveryPayload {
  /** The address a verification link confirms, or a test message goes to. */
  address?: string;
}

/** A browser that receives the user's push notifications (see deliveries/channels/push.ts). */
export interface PushSubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  device_label: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  webinars: WebinarsTable;
  notification_events: NotificationEventsTable;
  notifications: NotificationsTable;
  notification_read_marks: NotificationReadMarksTable;
  notification_preferences: NotificationPreferencesTable;
  app_settings: AppSettingsTable;
  sign_in_attempts: SignInAttemptsTable;
  registrations: RegistrationsTable;
  live_sessions: LiveSessionsTable;
  live_session_participants: LiveSessionParticipantsTable;
  announcements: AnnouncementsTable;
  idempotency_keys: IdempotencyKeysTable;
  recordings: RecordingsTable;
  reminder_deliveries: ReminderDeliveriesTable;
  delivery_policies: DeliveryPoliciesTable;
  channel_preferences: ChannelPreferencesTable;
  deliveries: DeliveriesTable;
  job_leases: JobLeasesTable;
  push_subscriptions: PushSubscriptionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type NotificationRow = Selectable<NotificationsTable>;

/** A job run once across all processes: held by one until `leased_until` (retention.ts). */
export interface JobLeasesTable {
  name: string;
  leased_until: Date | null;
  finished_at: Date | null;
}
