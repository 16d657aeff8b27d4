// All SQL about webinars.

import type { Db } from '../db/database.ts';
import type { WebinarStatus } from '../db/schema.ts';

export interface WebinarWithHost {
  id: number;
  title: string;
  description: string;
  host_id: number;
  host_username: string;
  host_display_name: string;
  starts_at: Date;
  duration_minutes: number;
  status: WebinarStatus;
  created_at: Date;
  my_registration_id: number | null;
  my_registration_status: 'pending' | 'approved' | 'rejected' | null;
}

function selectWebinars(db: Db, viewerId: number) {
  return db
    .selectFrom('webinars as w')
    .innerJoin('users as h', 'h.id', 'w.host_id')
    .leftJoin('registrations as r', (join) =>
      join.onRef('r.webinar_id', '=', 'w.id').on('r.user_id', '=', viewerId),
    )
    .select([
      'w.id',
      'w.title',
      'w.description',
      'w.host_id',
      'h.username as host_username',
      'h.display_name as host_display_name',
      'w.starts_at',
      'w.duration_minutes',
      'w.status',
      'w.created_at',
      'r.id as my_registration_id',
      'r.status as my_registration_status',
    ]);
}

export interface WebinarFilter {
  status?: WebinarStatus;
  hostId?: number;
  registeredUserId?: number;
  /** By start, newest first; otherwise soonest first. */
  newestFirst?: boolean;
  offset: number;
  limit: number;
}

function applyFilter<Q extends ReturnType<typeof selectWebinars>>(
  query: Q,
  filter: Omit<WebinarFilter, 'newestFirst' | 'offset' | 'limit'>,
): Q {
  let q = query;
  if (filter.status) q = q.where('w.status', '=', filter.status) as Q;
  if (filter.hostId !== undefined) q = q.where('w.host_id', '=', filter.hostId) as Q;
  if (filter.registeredUserId !== undefined) q = q.where('r.user_id', '=', filter.registeredUserId) as Q;
  return q;
}

export async function listWebinars(
  db: Db,
  viewerId: number,
  filter: WebinarFilter,
): Promise<{ rows: WebinarWithHost[]; count: number }> {
  const base = applyFilter(selectWebinars(db, viewerId), filter);
  const [rows, total] = await Promise.all([
    base
      .orderBy('w.starts_at', filter.newestFirst ? 'desc' : 'asc')
      .orderBy('w.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    applyFilter(selectWebinars(db, viewerId), filter)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(total.count) };
}

export function findWebinar(db: Db, viewerId: number, id: number): Promise<WebinarWithHost | undefined> {
  return selectWebinars(db, viewerId).where('w.id', '=', id).executeTakeFirst();
}

/** The webinar row alone, locked for the rest of the transaction (state changes). */
export function lockWebinar(db: Db, id: number) {
  return db.selectFrom('webinars').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findWebinarRow(db: Db, id: number) {
  return db.selectFrom('webinars').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertWebinar(
  db: Db,
  values: { title: string; description: string; host_id: number; starts_at: Date; duration_minutes: number },
): Promise<number> {
  const row = await db.insertInto('webinars').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWebinar(
  db: Db,
  id: number,
  values: Partial<{
    title: string;
    description: string;
    starts_at: Date;
    duration_minutes: number;
    status: WebinarStatus;
  }>,
): Promise<void> {
  await db.updateTable('webinars').set(values).where('id', '=', id).execute();
}

export async function deleteWebinar(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('webinars').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
