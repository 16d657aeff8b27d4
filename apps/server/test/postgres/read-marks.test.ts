// "Mark all read" records a read mark through the user's newest notification id (migration 0006).
// Ids are given out at insert, not at commit, so a notification still being written can have an
// id below one that has committed: a mark made then would read it as read the moment it appeared.
// These tests hold such a write open on a second connection, the way a long fan-out does.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { markAllReadFor } from '../../src/notifications/read-state.repository.ts';
import { createPostgresDatabase, usePostgres } from '../helpers/database.ts';
import { storedRows, storedUnreadCount } from '../helpers/stored-read-state.ts';

describe.skipIf(!usePostgres)('read marks while notifications are being written', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let database: DatabaseHandle;
  let writer: pg.Client;
  let userId = 0;

  beforeAll(async () => {
    created = await createPostgresDatabase();
    database = await openDatabase({ databaseUrl: created.url });
    await migrateToLatest(database.db);
    writer = new pg.Client({ connectionString: created.url });
    await writer.connect();
  });
  afterAll(async () => {
    await writer?.end();
    await database?.close();
    await created?.drop();
  });

  async function newUser(): Promise<number> {
    userId += 1;
    const row = await database.db
      .insertInto('users')
      .values({
        username: `reader${userId}`,
        email: `reader${userId}@example.test`,
        display_name: 'Reader',
        password_hash: 'x',
        role: 'student',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Starts a write on the second connection that inserts a notification and stays open. */
  async function beginWrite(user: number, title: string): Promise<void> {
    await writer.query('begin');
    await writer.query(
      `insert into notifications (user_id, notification_type, title, content) values ($1, 'system', $2, '')`,
      [user, title],
    );
  }

  const insertFor = (user: number, title: string) =>
    sql`insert into notifications (user_id, notification_type, title, content)
      values (${user}, 'system', ${title}, '')`;

  it('makes a mark, and leaves the rows as they are, when nothing is being written', async () => {
    const user = await newUser();
    for (const title of ['one', 'two']) await insertFor(user, title).execute(database.db);
    const marked = await markAllReadFor(database.db, [user], new Date());
    expect(marked.get(user)?.marked).toBe(2);
    const marks = await database.db
      .selectFrom('notification_read_marks')
      .selectAll()
      .where('user_id', '=', user)
      .execute();
    expect(marks).toHaveLength(1);
    const physicallyUnread = await database.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', user)
      .where('is_read', '=', false)
      .execute();
    expect(physicallyUnread).toHaveLength(2);
    expect(await storedUnreadCount(database.db, user)).toBe(0);
  });

  it('does not read as read a notification that committed after the mark with a lower id', async () => {
    const user = await newUser();
    // The slow write takes its id first and stays open...
    await beginWrite(user, 'slow');
    // ...a quick one takes a higher id and commits.
    await insertFor(user, 'quick').execute(database.db);
    const marked = await markAllReadFor(database.db, [user], new Date());
    expect(marked.get(user)?.marked).toBe(1);
    await writer.query('commit');

    const rows = await storedRows(database.db, user);
    expect(rows.map((row) => [row.title, row.is_read])).toEqual([
      ['slow', false],
      ['quick', true],
    ]);
    expect(rows[0]!.id).toBeLessThan(rows[1]!.id);
    expect(await storedUnreadCount(database.db, user)).toBe(1);
  });

  it('makes marks again once the write has ended', async () => {
    const user = await newUser();
    await beginWrite(user, 'rolled back');
    await writer.query('rollback');
    await insertFor(user, 'after').execute(database.db);
    expect((await markAllReadFor(database.db, [user], new Date())).get(user)?.marked).toBe(1);
    expect(
      await database.db
        .selectFrom('notification_read_marks')
        .select('user_id')
        .where('user_id', '=', user)
        .execute(),
    ).toHaveLength(1);
  });
});
