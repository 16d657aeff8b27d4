// All SQL about announcements.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AnnouncementState } from '../db/schema.ts';

export interface AnnouncementRow {
  id: number;
  title: string;
  content: string;
  author_id: number | null;
  author_username: string | null;
  author_display_name: string | null;
  state: AnnouncementState;
  send_at: Date | null;
  sent_at: Date | null;
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
      'a.state',
      'a.send_at',
      'a.sent_at',
      'a.created_at',
      'a.updated_at',
    ]);
}

/** `sentOnly`: what users who are not admins may see (a scheduled one is news before it goes). */
export function findAnnouncement(db: Db, id: number, sentOnly = false): Promise<AnnouncementRow | undefined> {
  return selectAnnouncements(db)
    .where('a.id', '=', id)
    .$if(sentOnly, (q) => q.where('a.state', '=', 'sent'))
    .executeTakeFirst();
}

export async function listAnnouncements(db: Db, offset: number, limit: number, sentOnly: boolean) {
  const [rows, total] = await Promise.all([
    selectAnnouncements(db)
      .$if(sentOnly, (q) => q.where('a.state', '=', 'sent'))
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    db
      .selectFrom('announcements')
      .$if(sentOnly, (q) => q.where('state', '=', 'sent'))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(total.count) };
}

export async function insertAnnouncement(
  db: Db,
  values: {
    title: string;
    content: string;
    author_id: number;
    now: Date;
    state: AnnouncementState;
    send_at: Date | null;
    sent_at: Date | null;
  },
): Promise<number> {
  const { now, ...columns } = values;
  const row = await db
    .insertInto('announcements')
    .values({ ...columns, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Edits an announcement only while it is in one of `states`: one conditional statement, so an
 * edit never lands on one that a scheduler sent meanwhile.
 */
export async function updateAnnouncement(
  db: Db,
  id: number,
  states: AnnouncementState[],
  values: { title?: string; content?: string; send_at?: Date; state?: AnnouncementState; updated_at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('announcements')
    .set(values)
    .where('id', '=', id)
    .where('state', 'in', states)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Moves an announcement from one of `from` to `to`; false when it was in none of them. */
export async function changeState(
  db: Db,
  id: number,
  from: AnnouncementState[],
  to: { state: AnnouncementState; sent_at?: Date; updated_at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('announcements')
    .set(to)
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Claims one due scheduled announcement (send_at <= now) and marks it sent: the row lock of FOR
 * UPDATE SKIP LOCKED keeps another process's scheduler off it until this transaction ends, and
 * the state it then finds is `sent`, so each goes out exactly once.
 */
export async function claimDueAnnouncement(db: Db, now: Date) {
  return db
    .updateTable('announcements')
    .set({ state: 'sent', sent_at: now, updated_at: now })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('announcements')
        .select('id')
        .where('state', '=', 'scheduled')
        .where('send_at', '<=', now)
        .orderBy('send_at')
        .limit(1)
        .modifyEnd(sql`for update skip locked`),
    )
    .where('state', '=', 'scheduled')
    .returning(['id', 'title', 'content', 'author_id', 'send_at'])
    .executeTakeFirst();
}

/** Scheduled announcements whose time passed before `cutoff` become `missed`; returns them. */
export function markMissed(db: Db, cutoff: Date, now: Date) {
  return db
    .updateTable('announcements')
    .set({ state: 'missed', updated_at: now })
    .where('state', '=', 'scheduled')
    .where('send_at', '<', cutoff)
    .returning(['id', 'title', 'send_at'])
    .execute();
}

/** The soonest send_at of a scheduled announcement, if any. */
export async function nextSendAt(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('announcements')
    .select('send_at')
    .where('state', '=', 'scheduled')
    .orderBy('send_at')
    .limit(1)
    .executeTakeFirst();
  return row?.send_at ?? undefined;
}

export async function deleteAnnouncement(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('announcements').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
