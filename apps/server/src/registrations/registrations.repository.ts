// All SQL about registrations.

import type { Db } from '../db/database.ts';
import type { RegistrationsTable } from '../db/schema.ts';

type RegistrationStatus = RegistrationsTable['status'];

export interface RegistrationRow {
  id: number;
  user_id: number;
  username: string;
  display_name: string;
  webinar_id: number;
  webinar_title: string;
  status: RegistrationStatus;
  created_at: Date;
  decided_at: Date | null;
}

function selectRegistrations(db: Db) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('webinars as w', 'w.id', 'r.webinar_id')
    .select([
      'r.id',
      'r.user_id',
      'u.username',
      'u.display_name',
      'r.webinar_id',
      'w.title as webinar_title',
      'r.status',
      'r.created_at',
      'r.decided_at',
    ]);
}

export function findRegistration(db: Db, id: number): Promise<RegistrationRow | undefined> {
  return selectRegistrations(db).where('r.id', '=', id).executeTakeFirst();
}

export async function listRegistrations(
  db: Db,
  filter: { userId?: number; webinarId?: number; status?: RegistrationStatus; offset: number; limit: number },
): Promise<{ rows: RegistrationRow[]; count: number }> {
  const where = <Q extends ReturnType<typeof selectRegistrations>>(q: Q): Q => {
    let query = q;
    if (filter.userId !== undefined) query = query.where('r.user_id', '=', filter.userId) as Q;
    if (filter.webinarId !== undefined) query = query.where('r.webinar_id', '=', filter.webinarId) as Q;
    if (filter.status !== undefined) query = query.where('r.status', '=', filter.status) as Q;
    return query;
  };
  const [rows, total] = await Promise.all([
    where(selectRegistrations(db))
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    where(selectRegistrations(db))
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(total.count) };
}

/** Inserts a registration; null when the user is already registered for that webinar. */
export async function insertRegistration(db: Db, userId: number, webinarId: number): Promise<number | null> {
  const row = await db
    .insertInto('registrations')
    .values({ user_id: userId, webinar_id: webinarId, status: 'pending' })
    .onConflict((oc) => oc.columns(['user_id', 'webinar_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function lockRegistration(db: Db, id: number) {
  return db.selectFrom('registrations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setRegistrationStatus(
  db: Db,
  id: number,
  status: RegistrationStatus,
  now: Date,
): Promise<void> {
  await db.updateTable('registrations').set({ status, decided_at: now }).where('id', '=', id).execute();
}

export async function isApprovedRegistrant(db: Db, userId: number, webinarId: number): Promise<boolean> {
  const row = await db
    .selectFrom('registrations')
    .select('id')
    .where('user_id', '=', userId)
    .where('webinar_id', '=', webinarId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return row !== undefined;
}
