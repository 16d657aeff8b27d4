// SQL that changes whether notifications are read: one at a time (batched by read-state-writer.ts)
// or all of a user's at once. "Mark all read" records a read mark rather than rewriting the rows;
// migration 0006 explains marks, and why a mark is only made while no notification is being
// written.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import {
  NOTIFICATION_COLUMNS,
  type NotificationWithWebinar,
  newStateVersion,
  readTimeOnceRead,
} from './notifications.repository.ts';

export interface ReadStateChange {
  userId: number;
  id: number;
  read: boolean;
}

/** A changed row with the state version of its statement (migration 0008). */
export type ChangedRow = NotificationWithWebinar & { state_version: string };

/** The changes as rows `(id, user_id, read)`, one per change. */
function changeRows(changes: readonly ReadStateChange[]) {
  return sql<{ id: number; user_id: number; read: boolean }>`select * from unnest(
    ${changes.map((c) => c.id)}::bigint[],
    ${changes.map((c) => c.userId)}::int[],
    ${changes.map((c) => c.read)}::boolean[]) as change(id, user_id, read)`;
}

/**
 * Sets the read state of many notifications, each only if it belongs to the given user, and
 * returns the changed rows (a change that names someone else's or no row has none). At most one
 * change per notification id. A row made unread that a read mark covers must first have its user's
 * marks settled (settleMarksCovering, in the same transaction), so that the mark no longer reads it
 * as read.
 */
export function setReadStates(db: Db, changes: readonly ReadStateChange[], now: Date): Promise<ChangedRow[]> {
  return db
    .with('change', () => sql`(${changeRows(changes)})`)
    .with('n', (qb) =>
      qb
        .updateTable('notifications as t')
        .from('change')
        .set({
          is_read: sql<boolean>`change.read`,
          // A row a mark covers was read at the mark's time.
          read_at: sql<Date | null>`case when change.read then ${readTimeOnceRead('t', now)} end`,
          // An archived row is always read: marking it unread brings it back to the inbox.
          archived_at: sql<Date | null>`case when change.read then t.archived_at end`,
        })
        .whereRef('t.id', '=', 'change.id')
        .whereRef('t.user_id', '=', 'change.user_id')
        .returningAll('t'),
    )
    .selectFrom('n')
    .leftJoin('webinars as w', 'w.id', 'n.webinar_id')
    .select(NOTIFICATION_COLUMNS)
    .select(newStateVersion.as('state_version'))
    .execute();
}

/**
 * Settles the marks of the users whose changed row one of their marks covers: each row a mark
 * covers is marked read itself, at that mark's time, and the user's marks are removed.
 */
export async function settleMarksCovering(db: Db, changes: readonly ReadStateChange[]): Promise<void> {
  await sql`with removed as (
      delete from notification_read_marks
      where user_id in (
        select change.user_id from (${changeRows(changes)}) as change
        join notification_read_marks m on m.user_id = change.user_id and m.read_through >= change.id)
      returning user_id, read_through, marked_at)
    update notifications n
       set is_read = true,
           read_at = (select r.marked_at from removed r
                       where r.user_id = n.user_id and r.read_through >= n.id
                       order by r.read_through limit 1)
     where n.user_id in (select user_id from removed) and not n.is_read
       and n.id <= (select max(r.read_through) from removed r where r.user_id = n.user_id)`.execute(db);
}

/**
 * Marks all notifications of each given user read, in one statement; returns how many each user
 * had unread (users who had none are left out), and the statement's state version. Normally that is one read mark per user (through the newest notification); while a
 * statement that inserts notifications runs, the rows are rewritten instead. The statement is a
 * function of the database (migration 0006), so that it is planned once per connection.
 */
export async function markAllReadFor(
  db: Db,
  userIds: readonly number[],
  now: Date,
): Promise<Map<number, { marked: number; version: number }>> {
  const { rows } = await sql<{ user_id: number; marked: number; version: string }>`
    select user_id, marked, ${newStateVersion} as version
    from notification_mark_all_read(${[...userIds]}::int[], ${now})`.execute(db);
  return new Map(
    rows.map((row) => [row.user_id, { marked: Number(row.marked), version: Number(row.version) }]),
  );
}
