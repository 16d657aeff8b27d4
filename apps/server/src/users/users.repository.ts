// All SQL about users.
import type { Role } from '@webinar/contracts';
import type { Db } from '../db/database.ts';
import type { NewUser, UserRow } from '../db/schema.ts';

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export function findUsersByIds(db: Db, ids: readonly number[]): Promise<Pick<UserRow, 'id'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select('id').where('id', 'in', ids).execute();
}

export async function countUsers(db: Db, role?: Role): Promise<number> {
  let query = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count'));
  if (role) query = query.where('role', '=', role);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export function findAuthState(
  db: Db,
  id: number,
): Promise<Pick<UserRow, 'role' | 'auth_version'> | undefined> {
  return db.selectFrom('users').select(['role', 'auth_version']).where('id', '=', id).executeTakeFirst();
}

/** Sets the password and raises the token version, so that tokens issued before are refused. */
export async function updatePassword(db: Db, id: number, passwordHash: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, auth_version: eb('auth_version', '+', 1) }))
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateRole(db: Db, id: number, role: Role): Promise<boolean> {
  const result = await db.updateTable('users').set({ role }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countHostedWebinars(db: Db, id: number): Promise<number> {
  const row = await db
    .selectFrom('webinars')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('host_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Deletes the user with their notifications and read marks (which have no foreign key, see
 * migrations 0003 and 0006); the foreign keys remove or detach the rest (sessions, preferences,
 * registrations; authorship of announcements and recordings is kept without a name).
 */
export async function deleteUserRows(db: Db, id: number): Promise<boolean> {
  await db.deleteFrom('notifications').where('user_id', '=', id).execute();
  await db.deleteFrom('notification_read_marks').where('user_id', '=', id).execute();
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface UserSearch {
  /** A username prefix, matched case-insensitively; `%` and `_` are literal. */
  prefix?: string;
  role?: Role;
  offset: number;
  limit: number;
}

export async function searchUsers(
  db: Db,
  search: UserSearch,
): Promise<{ count: number; rows: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role'>[] }> {
  let query = db.selectFrom('users');
  if (search.prefix) {
    query = query.where('username', 'ilike', `${search.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (search.role) query = query.where('role', '=', search.role);
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    query
      .select(['id', 'username', 'display_name', 'role'])
      .orderBy('username')
      .offset(search.offset)
      .limit(search.limit)
      .execute(),
  ]);
  return { count: Number(total.count), rows };
}
