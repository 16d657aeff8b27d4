// The admin panel's rules: search every user's notifications, edit or delete any, and send
// notifications of any type to users, a role or everyone (through the notification service; the
// command line's `notify` sends through the same function).
import {
  type AdminNotification,
  type AdminNotificationCreate,
  type AdminNotificationQuery,
  type AdminNotificationUpdate,
  MAX_NOTIFICATION_TITLE,
} from '@webinar/contracts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../app-error.ts';
import { parseOptionalDateTime } from '../dates.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import { type IdempotentRequest, runOnce } from '../idempotency/idempotency.service.ts';
import { findUsersByIds } from '../users/users.repository.ts';
import { findWebinarRow } from '../webinars/webinars.repository.ts';
import * as repo from './admin-notifications.repository.ts';
import { toNotification } from './notifications.mapper.ts';
import { nextStateVersion } from './notifications.repository.ts';
import type { NotificationService, Recipients } from './notifications.service.ts';
import { settleMarksCovering } from './read-state.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'bus' | 'notifications'>;

function toAdminNotification(row: repo.AdminNotificationRow): AdminNotification {
  return { ...toNotification(row), user: { id: row.user_id, username: row.username } };
}

export async function search(deps: Deps, query: AdminNotificationQuery) {
  const { created_after, created_before, page = 1, page_size: pageSize = 20, ...filter } = query;
  const createdAfter = parseOptionalDateTime(created_after, 'created_after');
  const createdBefore = parseOptionalDateTime(created_before, 'created_before');
  const { rows, count } = await repo.searchNotifications(
    deps.db,
    { ...filter, createdAfter, createdBefore },
    (page - 1) * pageSize,
    pageSize,
  );
  return { count, page, page_size: pageSize, results: rows.map(toAdminNotification) };
}

export async function get(deps: Deps, id: number): Promise<AdminNotification> {
  const row = await repo.findNotification(deps.db, id);
  if (!row) throw AppError.notFound('Notification not found.');
  return toAdminNotification(row);
}

export async function update(
  deps: Deps,
  id: number,
  input: AdminNotificationUpdate,
): Promise<AdminNotification> {
  const now = deps.clock.now();
  // Made unread: a read mark that covers it must first stop reading it as read, in one transaction.
  const userId =
    input.is_read === false
      ? await inTransaction(deps.db, async (tx) => {
          const owner = await repo.findOwner(tx.db, id);
          if (owner === undefined) return null;
          await settleMarksCovering(tx.db, [{ id, userId: owner, read: false }]);
          return repo.updateNotification(tx.db, id, input, now);
        })
      : await repo.updateNotification(deps.db, id, input, now);
  if (userId === null) throw AppError.notFound('Notification not found.');
  const version = await nextStateVersion(deps.db);
  deps.bus.publish({
    name: 'notifications_changed',
    payload: { userId, notificationIds: [id], change: 'edited', version },
  });
  return get(deps, id);
}

export async function remove(deps: Deps, id: number): Promise<void> {
  const userId = await repo.deleteNotification(deps.db, id);
  if (userId === null) throw AppError.notFound('Notification not found.');
  const version = await nextStateVersion(deps.db);
  deps.bus.publish({
    name: 'notifications_changed',
    payload: { userId, notificationIds: [id], change: 'deleted', version },
  });
}

function recipientsOf(input: AdminNotificationCreate): Recipients {
  const chosen = [input.user_ids !== undefined, input.role !== undefined, input.everyone === true].filter(
    Boolean,
  );
  if (chosen.length !== 1) {
    throw new AppError('validation_error', 'Choose exactly one of user_ids, role and everyone.', {
      recipients: 'give exactly one of user_ids, role or everyone',
    });
  }
  if (input.user_ids) return { userIds: [...new Set(input.user_ids)] };
  if (input.role) return { role: input.role };
  return { everyone: true };
}

/** Sending to an id that is no user is a mistake to report, not a send to "0 users". */
async function checkUsersExist(db: Deps['db'], userIds: readonly number[]): Promise<void> {
  const found = new Set((await findUsersByIds(db, userIds)).map((user) => user.id));
  const unknown = userIds.filter((id) => !found.has(id));
  if (unknown.length === 0) return;
  const named =
    unknown.slice(0, 20).join(', ') + (unknown.length > 20 ? ` and ${unknown.length - 20} more` : '');
  throw new AppError('validation_error', 'Some of the users do not exist.', {
    user_ids: `no such user${unknown.length === 1 ? '' : 's'}: ${named}`,
  });
}

/**
 * Checks an admin's notification and creates it in `tx`; returns how many users got it. The API
 * and the command line both send through here, so they accept and refuse the same messages.
 */
export async function send(
  tx: Tx,
  notifications: NotificationService,
  input: AdminNotificationCreate,
): Promise<{ created: number }> {
  // The API's schema already refuses a longer title; the command line has no schema.
  if (Array.from(input.title).length > MAX_NOTIFICATION_TITLE) {
    throw new AppError('validation_error', 'The request is invalid.', {
      title: `must NOT have more than ${MAX_NOTIFICATION_TITLE} characters`,
    });
  }
  const recipients = recipientsOf(input);
  if ('userIds' in recipients) await checkUsersExist(tx.db, recipients.userIds);
  const webinarId = input.webinar_id ?? null;
  if (webinarId !== null && !(await findWebinarRow(tx.db, webinarId))) {
    throw new AppError('validation_error', 'The request is invalid.', { webinar_id: 'no such webinar' });
  }
  const sent = await notifications.createBulk(tx, {
    type: input.notification_type,
    title: input.title,
    content: input.content,
    webinarId,
    recipients,
  });
  return { created: sent.created };
}

/**
 * Creates the notifications; returns how many. A request repeated with the same Idempotency-Key by
 * the same admin creates none and answers the first one's count, `replayed`.
 */
export async function create(
  deps: Deps,
  input: AdminNotificationCreate,
  idempotent?: IdempotentRequest,
): Promise<{ created: number; replayed: boolean }> {
  const { result, replayed } = await runOnce(deps.db, idempotent, (tx) =>
    send(tx, deps.notifications, input),
  );
  return { ...result, replayed };
}
