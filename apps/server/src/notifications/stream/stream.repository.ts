// SQL of the live stream: what a batch brought to the connected users, what a reconnecting
// client missed, and unread counts for many users at once.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type NotificationWithWebinar, readThrough, selectWithWebinar } from '../notifications.repository.ts';

/**
 * Many user ids as one int[] parameter, sent as an array literal: the driver's own array encoding
 * escapes every element, a sizeable share of a broadcast to many streams (see the commit that
 * added it).
 */
function userIdArray(userIds: readonly number[]) {
  return sql<number[]>`${`{${userIds.join(',')}}`}::int[]`;
}

function anyUser(userIds: readonly number[]) {
  return sql<number>`any(${userIdArray(userIds)})`;
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

/** A user's notifications with ids above `afterId`, oldest first. */
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

/**
 * An id up to which every notification has committed or rolled back, or undefined while one is
 * being written. Read the newest id given out, then check that no writer holds the write gate
 * (migration 0006: every insert holds it from before its ids are given until its transaction
 * ends): if none does, every id up to the one read belongs to a finished transaction, so any
 * query that starts afterwards sees all of them. Two statements, so that they run in that order.
 */
export async function completePoint(db: Db): Promise<number | undefined> {
  const { rows: newest } = await sql<{ id: number | null }>`
    select pg_sequence_last_value(pg_get_serial_sequence('notifications', 'id')::regclass) as id`.execute(db);
  const { rows: gate } = await sql<{ running: boolean }>`
    select notification_writers_running() as running`.execute(db);
  return gate[0]?.running === false ? Number(newest[0]?.id ?? 0) : undefined;
}

/** The ids of a user's notifications above `afterId`, ascending. */
export async function idsSince(db: Db, userId: number, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.id));
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
  // Per user: their unread rows above their latest read mark (migration 0006), a range of the
  // unread index.
  const { rows } = await sql<{ user_id: number; count: number }>`
    select u.user_id, (
        select count(*) from notifications n
        where n.user_id = u.user_id and not n.is_read and n.id > ${readThrough(sql.ref('u.user_id'))}
      ) as count
    from unnest(${userIdArray(userIds)}) as u(user_id)`.execute(db);
  for (const row of rows) counts.set(row.user_id, Number(row.count));
  return counts;
}
