// The SQL of retention (retention.ts). Each statement walks one batch of a table in id order from
// `afterId`: a bounded range of the primary key whatever the table's size, so no statement scans
// more than its batch. Ids grow with time, so the walk stops at the first batch with nothing old.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

type SummaryRow = { scanned: string; last_id: string | null; old: string; deleted: string; marks: string };

/** The select list that sums a batch up, over its `walked` and `gone` rows. */
function summary(cutoff: Date, marks = sql`0`) {
  return sql`select (select count(*) from walked) as scanned,
           (select max(id) from walked) as last_id,
           (select count(*) from walked where created_at < ${cutoff}) as old,
           (select count(*) from gone) as deleted,
           ${marks} as marks`;
}

export interface BatchResult {
  /** Rows walked; fewer than the batch size means the end of the table. */
  scanned: number;
  /** The last id walked, where the next batch starts. */
  lastId: number;
  /** Walked rows older than the cutoff: none means the rest of the table is newer. */
  old: number;
  deleted: number;
  /** Read marks removed because they no longer covered any notification. */
  readMarks: number;
}

/**
 * Deletes the notifications older than `cutoff` among the next `limit` by id, and the read marks of
 * their users that then cover none of that user's notifications.
 */
export async function deleteOldNotifications(
  db: Db,
  afterId: number,
  limit: number,
  cutoff: Date,
): Promise<BatchResult> {
  // One statement sees the table as it was before its own delete: rows it deletes are still
  // visible to the read-mark check, so it leaves them out by id.
  const { rows } = await sql<SummaryRow>`
    with walked as (
      select id, user_id, created_at from notifications where id > ${afterId} order by id limit ${limit}),
    gone as (
      delete from notifications n using walked w
      where n.id = w.id and w.created_at < ${cutoff}
      returning n.id, n.user_id),
    marks as (
      delete from notification_read_marks m
      where m.user_id in (select user_id from gone)
        and not exists (
          select 1 from notifications r
          where r.user_id = m.user_id and r.id <= m.read_through
            and not exists (select 1 from gone g where g.id = r.id))
      returning 1)
    ${summary(cutoff, sql`(select count(*) from marks)`)}`.execute(db);
  return toBatchResult(rows[0], afterId);
}

/**
 * Deletes the finished deliveries (sent, failed, skipped) older than `cutoff` among the next
 * `limit` by id. A delivery is as old as its notification, so this removes the deliveries of the
 * notifications retention removed, and the other messages of that age.
 */
export async function deleteOldDeliveries(
  db: Db,
  afterId: number,
  limit: number,
  cutoff: Date,
): Promise<BatchResult> {
  const { rows } = await sql<SummaryRow>`
    with walked as (
      select id, created_at, status from deliveries where id > ${afterId} order by id limit ${limit}),
    gone as (
      delete from deliveries d using walked w
      where d.id = w.id and w.created_at < ${cutoff} and w.status in ('sent', 'failed', 'skipped')
      returning d.id)
    ${summary(cutoff)}`.execute(db);
  return toBatchResult(rows[0], afterId);
}

function toBatchResult(row: SummaryRow | undefined, afterId: number): BatchResult {
  return {
    scanned: Number(row?.scanned ?? 0),
    lastId: row?.last_id === null || row?.last_id === undefined ? afterId : Number(row.last_id),
    old: Number(row?.old ?? 0),
    deleted: Number(row?.deleted ?? 0),
    readMarks: Number(row?.marks ?? 0),
  };
}
