// SQL of the live stream: what a batch brought to the connected users, what a reconnecting
// client missed, and unread counts for many users at once.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type NotificationWithWebinar, selectWithWebinar } from '../notifications.repository.ts';

type Db = Kysely<Database>;

/**
 * `= any(...)` over many user ids, sent as one array literal: the driver's own array encoding
 * escapes every element and took a tenth of a 10,000-stream broadcast's time.
 */
function anyUser(userIds: readonly number[]) {
  return sql<number>`any(${`{${userIds.join(',')}}`}::int[])`;
}

/** The rows of one batch (ids firstId..lastId) that belong to the given users. */
export function batchRowsForUsers(
  db: Db,
  firstId: number,
  lastId: number,
  userIds: readonly number[],
): Promise<NotificationWithWebinar[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return selectWithWebinar(db)
    .where('n.id', '>=', firstId)
    .where('n.id', '<=', lastId)
    .where('n.user_id', '=', anyUser(userIds))
    .orderBy('n.id')
    .execute();
}

/** A user's notifications created after the one with id `afterId`, oldest first. */
export function rowsSince(
  db: Db,
  userId: number,
  afterId: number,
  limit: number,
): Promise<NotificationWithWebinar[]> {
  return selectWithWebinar(db)
    .where('n.user_id', '=', userId)
    .where('n.id', '>', afterId)
    .orderBy('n.id')
    .limit(limit)
    .execute();
}

export async function latestId(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function unreadCounts(db: Db, userIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return counts;
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('user_id', '=', anyUser(userIds))
    .where('is_read', '=', false)
    .groupBy('user_id')
    .execute();
  for (const row of rows) counts.set(row.user_id, Number(row.count));
  return counts;
}
