// What the loads need to know about the seeded data: user ids (for tokens), the unread ids of the
// users the loads rotate through (for mark_read), and how to put the unread state back between
// two runs that mark things read.
import { sql } from 'kysely';
import { openDatabase } from '../../apps/server/src/db/database.ts';
import type { BenchUser } from './tokens.ts';

export interface Dataset {
  users: BenchUser[];
  admin: BenchUser;
  /** Unread rows of the first `loadUsers` users: the index of the owner in `users`, and the id. */
  unread: Array<{ userIndex: number; id: number }>;
}

/**
 * Reads the data set from PostgreSQL (`databaseUrl`) or from the embedded data folder (the
 * server must not be running on it then: one process at a time).
 */
export async function readDataset(
  where: { databaseUrl?: string; dataDir?: string },
  loadUsers: number,
): Promise<Dataset> {
  const database = await openDatabase(where);
  try {
    const db = database.db;
    const users = (
      await db
        .selectFrom('users')
        .select('id')
        .where(sql<boolean>`username ~ '^user[0-9]{5,}$'`)
        .orderBy('id')
        .execute()
    ).map((r) => ({ id: r.id, role: 'student' as const }));
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'benchadmin')
      .executeTakeFirst();
    if (!admin || users.length === 0) throw new Error('no bench data set: seed-bench did not run');
    const first = users.slice(0, loadUsers);
    const index = new Map(first.map((u, i) => [u.id, i]));
    const unread = await db
      .selectFrom('notifications')
      .select(['id', 'user_id'])
      .where(
        'user_id',
        'in',
        first.map((u) => u.id),
      )
      .where('is_read', '=', false)
      .orderBy('id')
      .execute();
    return {
      users,
      admin: { id: admin.id, role: 'admin' },
      unread: unread.map((r) => ({ userIndex: index.get(r.user_id)!, id: r.id })),
    };
  } finally {
    await database.close();
  }
}

/**
 * Makes the newest ceil(K/5) of every user's notifications unread again, as seeded: no read marks
 * (migration 0006), and each row's own flag.
 */
export async function restoreUnread(databaseUrl: string, perUser: number): Promise<void> {
  const database = await openDatabase({ databaseUrl });
  try {
    await sql`delete from notification_read_marks`.execute(database.db);
    await sql`with ranked as (
        select id, row_number() over (partition by user_id order by created_at desc, id desc) as rank
        from notifications)
      update notifications n
         set is_read = ranked.rank > ${Math.ceil(perUser / 5)},
             read_at = case when ranked.rank > ${Math.ceil(perUser / 5)} then n.created_at end
        from ranked where ranked.id = n.id`.execute(database.db);
    await sql`vacuum analyze notifications`.execute(database.db);
  } finally {
    await database.close();
  }
}
