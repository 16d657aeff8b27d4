// All SQL about announcements.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface AnnouncementRow {
  id: number;
  title: string;
  content: string;
  author_id: number | null;
  author_username: string | null;
  author_display_name: string | null;
  created_at: Date;
  updated_at: Date;
}

function selectAnnouncements(db: Db) {
  return db
    .selectFrom('announcements as a')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .select([
      'a.id',
      'a.title',
      'a.content',
      'a.author_id',
      'u.username as author_username',
      'u.display_name as author_display_name',
      'a.created_at',
      'a.updated_at',
    ]);
}

export function findAnnouncement(db: Db, id: number): Promise<AnnouncementRow | undefined> {
  return selectAnnouncements(db).where('a.id', '=', id).executeTakeFirst();
}

export async function listAnnouncements(db: Db, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    selectAnnouncements(db)
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    db
      .selectFrom('announcements')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(total.count) };
}

/**
 * Inserts an announcement; with a request key the author already used, inserts nothing and
 * returns the id of the announcement that key made (waiting for a concurrent request with the
 * same key to commit or roll back first: the unique index does that).
 */
export async function insertAnnouncement(
  db: Db,
  values: { title: string; content: string; author_id: number; request_key: string | null; now: Date },
): Promise<{ id: number; existed: boolean }> {
  const inserted = await db
    .insertInto('announcements')
    .values({
      title: values.title,
      content: values.content,
      author_id: values.author_id,
      request_key: values.request_key,
      created_at: values.now,
      updated_at: values.now,
    })
    .onConflict((oc) =>
      oc.columns(['author_id', 'request_key']).where('request_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, existed: false };
  const existing = await db
    .selectFrom('announcements')
    .select('id')
    .where('author_id', '=', values.author_id)
    .where('request_key', '=', values.request_key)
    .executeTakeFirstOrThrow();
  return { id: existing.id, existed: true };
}

export async function updateAnnouncement(
  db: Db,
  id: number,
  values: { title?: string; content?: string; updated_at: Date },
): Promise<boolean> {
  const result = await db.updateTable('announcements').set(values).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteAnnouncement(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('announcements').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
