// SQL of the admin panel: every user's notifications, filtered, searched and counted. Admins only
// reach it; a user's own requests go through notifications.repository.ts.
import type { AdminNotificationQuery, NotificationType } from '@webinar/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import {
  IS_READ,
  NOTIFICATION_COLUMNS,
  type NotificationWithWebinar,
  readTimeOnceRead,
} from './notifications.repository.ts';

/** What the admin panel's search filters by (the query's dates parsed by the service). */
export type AdminNotificationFilter = Omit<
  AdminNotificationQuery,
  'created_after' | 'created_before' | 'page' | 'page_size'
> & { createdAfter?: Date | undefined; createdBefore?: Date | undefined };

/** A notification row with its recipient's username. */
export type AdminNotificationRow = NotificationWithWebinar & { username: string };

/** A notification as the admin panel shows it: with its recipient's username. */
const ADMIN_COLUMNS = [...NOTIFICATION_COLUMNS, 'u.username'] as const;

function base(db: Db) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('webinars as w', 'w.id', 'n.webinar_id');
}

/** `%` and `_` in a search are literal characters, not wildcards. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, query: AdminNotificationFilter) {
  let q = base(db);
  if (query.user !== undefined) q = q.where('n.user_id', '=', query.user);
  if (query.notification_type) q = q.where('n.notification_type', '=', query.notification_type);
  if (query.is_read !== undefined) q = q.where(IS_READ, '=', query.is_read);
  if (query.createdAfter) q = q.where('n.created_at', '>=', query.createdAfter);
  if (query.createdBefore) q = q.where('n.created_at', '<', query.createdBefore);
  if (query.search) {
    const pattern = likePattern(query.search);
    q = q.where((eb) =>
      eb.or([
        eb('n.title', 'ilike', pattern),
        eb('n.content', 'ilike', pattern),
        eb('u.username', 'ilike', pattern),
      ]),
    );
  }
  return q;
}

const ORDERINGS = {
  '-created_at': [sql`n.created_at desc, n.id desc`],
  created_at: [sql`n.created_at asc, n.id asc`],
  user: [sql`u.username asc, n.created_at desc, n.id desc`],
  '-user': [sql`u.username desc, n.created_at desc, n.id desc`],
  notification_type: [sql`n.notification_type asc, n.created_at desc, n.id desc`],
  is_read: [sql`${IS_READ} asc, n.created_at desc, n.id desc`],
} as const;

export async function searchNotifications(
  db: Db,
  query: AdminNotificationFilter,
  offset: number,
  limit: number,
): Promise<{ rows: AdminNotificationRow[]; count: number }> {
  const ordering = ORDERINGS[query.ordering ?? '-created_at'][0];
  const [rows, total] = await Promise.all([
    filtered(db, query).select(ADMIN_COLUMNS).orderBy(ordering).offset(offset).limit(limit).execute(),
    filtered(db, query)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(total.count) };
}

export async function findNotification(db: Db, id: number): Promise<AdminNotificationRow | undefined> {
  return base(db).select(ADMIN_COLUMNS).where('n.id', '=', id).executeTakeFirst();
}

/** Whose notification it is, or undefined when there is none with that id. */
export async function findOwner(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom('notifications').select('user_id').where('id', '=', id).executeTakeFirst();
  return row?.user_id;
}

/**
 * Edits the notification; returns its user, or null when there is none with that id. Made unread,
 * a row that a read mark covers must first have its user's marks settled (settleMarksCovering), in
 * the same transaction.
 */
export async function updateNotification(
  db: Db,
  id: number,
  values: { title?: string; content?: string; notification_type?: NotificationType; is_read?: boolean },
  now: Date,
): Promise<number | null> {
  const readState =
    values.is_read === undefined
      ? {}
      : values.is_read
        ? { is_read: true, read_at: readTimeOnceRead('notifications', now) }
        : { is_read: false, read_at: null };
  const row = await db
    .updateTable('notifications')
    .set({
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values.content !== undefined ? { content: values.content } : {}),
      ...(values.notification_type !== undefined ? { notification_type: values.notification_type } : {}),
      ...readState,
    })
    .where('id', '=', id)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function deleteNotification(db: Db, id: number): Promise<number | null> {
  const row = await db
    .deleteFrom('notifications')
    .where('id', '=', id)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}
