// Every migration, in order. Listed by hand (not read from the folder) so the same list works
// under tsx, in a bundle and in tests; names are timestamps so the order is the name order.
import type { Migration } from 'kysely';
import * as foundation from './2026_11_25_0001_foundation.ts';
import * as platform from './2026_11_25_0002_platform.ts';
import * as fanoutWithoutForeignKeys from './2026_11_25_0003_fanout_without_foreign_keys.ts';
import * as lighterNotificationWrites from './2026_11_25_0004_lighter_notification_writes.ts';
import * as announcementRequestKeys from './2026_11_25_0005_announcement_request_keys.ts';
import * as readMarks from './2026_11_26_0006_read_marks.ts';
import * as signInAttempts from './2026_12_03_0007_sign_in_attempts.ts';
import * as authAndStateVersions from './2026_12_03_0008_auth_and_state_versions.ts';
import * as idempotencyKeys from './2026_12_03_0009_idempotency_keys.ts';
import * as remindersFollowStart from './2026_12_03_0010_reminders_follow_start.ts';
import * as emailDeliveries from './2026_12_03_0011_email_deliveries.ts';
import * as pushSubscriptions from './2026_12_07_0012_push_subscriptions.ts';
import * as scheduledAnnouncements from './2026_12_07_0013_scheduled_announcements.ts';
import * as archiveAndRetention from './2026_12_07_0014_archive_and_retention.ts';
import * as notificationParams from './2026_12_07_0015_notification_params.ts';
import * as pushReceivedBy from './2026_12_07_0016_push_received_by.ts';

export const migrations: Record<string, Migration> = {
  '2026_11_25_0001_foundation': foundation,
  '2026_11_25_0002_platform': platform,
  '2026_11_25_0003_fanout_without_foreign_keys': fanoutWithoutForeignKeys,
  '2026_11_25_0004_lighter_notification_writes': lighterNotificationWrites,
  '2026_11_25_0005_announcement_request_keys': announcementRequestKeys,
  '2026_11_26_0006_read_marks': readMarks,
  '2026_12_03_0007_sign_in_attempts': signInAttempts,
  '2026_12_03_0008_auth_and_state_versions': authAndStateVersions,
  '2026_12_03_0009_idempotency_keys': idempotencyKeys,
  '2026_12_03_0010_reminders_follow_start': remindersFollowStart,
  '2026_12_03_0011_email_deliveries': emailDeliveries,
  '2026_12_07_0012_push_subscriptions': pushSubscriptions,
  '2026_12_07_0013_scheduled_announcements': scheduledAnnouncements,
  '2026_12_07_0014_archive_and_retention': archiveAndRetention,
  '2026_12_07_0015_notification_params': notificationParams,
  '2026_12_07_0016_push_received_by': pushReceivedBy,
};
