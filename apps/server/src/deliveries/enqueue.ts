// The deliveries a batch of new notifications needs, written by the same statement that inserts
// them: one INSERT ... SELECT over the rows just inserted, so a fan-out to 100,000 users queues its
// emails set-based, in the notification's own transaction. A row is queued for each recipient with
// an address (email) or a subscribed browser (push) whose channel is on for the type (their
// override, else the admin's policy); everything else (verified? read in time? still wanted?) is
// decided when the row is due (see worker.ts).
import type { DeliveryChannel, NotificationType } from '@webinar/contracts';
import { type QueryCreator, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** What `WITH inserted AS (INSERT INTO notifications ... RETURNING ...)` gives the next step. */
export type WithInsertedNotifications = Database & {
  inserted: { id: number; user_id: number; created_at: Date };
};

/**
 * The data-modifying step that follows the notifications' insert: the email rows, then the push
 * rows. Each row's due time follows its channel's timing for the type:
 * - immediate, or a type off by default that the user turned on: at once;
 * - if_unread: after the delay, when the worker looks at the read state;
 * - digest: with the user's open window of that type if one is waiting, else at the window's end.
 */
export function queueDeliveries(qc: QueryCreator<WithInsertedNotifications>, type: NotificationType) {
  return qc
    .insertInto('deliveries')
    .columns(['channel', 'user_id', 'notification_id', 'notification_type', 'due_at', 'created_at'])
    .expression(rowsFor(qc, type, 'email').unionAll(rowsFor(qc, type, 'push')));
}

/** One channel's rows: the recipients with an address (email) or a subscribed browser (push). */
function rowsFor(
  qc: QueryCreator<WithInsertedNotifications>,
  type: NotificationType,
  channel: DeliveryChannel,
) {
  const delay = sql`i.created_at + p.delay_minutes * interval '1 minute'`;
  const dueAt = sql<Date>`case
    when p.timing = 'if_unread' then ${delay}
    when p.timing = 'digest' then coalesce(
      (select min(d.due_at) from deliveries d
        where d.user_id = i.user_id and d.notification_type = ${type} and d.channel = ${channel}
          and d.status = 'pending' and d.digest_id is null and d.due_at > d.created_at),
      ${delay})
    else i.created_at
  end`;
  return qc
    .selectFrom('inserted as i')
    .innerJoin('delivery_policies as p', (join) =>
      join.on('p.notification_type', '=', type).on('p.channel', '=', channel),
    )
    .leftJoin('channel_preferences as cp', (join) =>
      join
        .onRef('cp.user_id', '=', 'i.user_id')
        .on('cp.notification_type', '=', type)
        .on('cp.channel', '=', channel),
    )
    .where(sql<boolean>`coalesce(cp.enabled, p.timing <> 'off')`)
    .where(({ exists, selectFrom }) =>
      channel === 'email'
        ? exists(selectFrom('users as u').whereRef('u.id', '=', 'i.user_id').where('u.email', '<>', ''))
        : exists(selectFrom('push_subscriptions as s').whereRef('s.user_id', '=', 'i.user_id')),
    )
    .select([
      sql<DeliveryChannel>`${channel}`.as('channel'),
      'i.user_id',
      'i.id',
      sql<NotificationType>`${type}`.as('notification_type'),
      dueAt.as('due_at'),
      'i.created_at',
    ]);
}
