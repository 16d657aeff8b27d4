// All SQL about users.
import type { Role } from '@webinar/contracts';
import type { Kysely } from 'kysely';
import type { Database, NewUser, UserRow } from '../db/schema.ts';

export type Db = Kysely<Database>;

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
