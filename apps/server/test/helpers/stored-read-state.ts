// A user's notifications as stored, read straight from the tables, to check the API against: a
// row is read when its own flag says so or one of the user's read marks covers it (migration
// 0006), and then was read when its flag was set or, failing that, when the earliest covering
// mark was made.
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

const COVERED = sql`exists (select 1 from notification_read_marks m
  where m.user_id = n.user_id and m.read_through >= n.id)`;

export function storedRows(db: Db, userId: number) {
  return db
    .selectFrom('notifications as n')
    .select([
      'n.id',
      'n.user_id',
      'n.notification_type',
      'n.title',
      sql<boolean>`n.is_read or ${COVERED}`.as('is_read'),
      sql<Date | null>`coalesce(n.read_at, (select min(m.marked_at) from notification_read_marks m
        where m.user_id = n.user_id and m.read_through >= n.id))`.as('read_at'),
      'n.archived_at',
      'n.created_at',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.id')
    .execute();
}

export async function storedUnreadCount(db: Db, userId: number): Promise<number> {
  return (await storedRows(db, userId)).filter((row) => !row.is_read).length;
}
