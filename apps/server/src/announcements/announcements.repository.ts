// All SQL about announcements.
import type { Db } from '../db/database.ts';

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

export async function insertAnnouncement(
  db: Db,
  values: { title: string; content: string; author_id: number; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('announcements')
    .values({
      title: values.title,
      content: values.content,
      author_id: values.author_id,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
