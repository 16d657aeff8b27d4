// Cookie sessions for the browser. The cookie holds a random token; the table holds its SHA-256,
// so signing out (deleting the row) ends the session everywhere at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@webinar/contracts';
import type { Db } from '../users/users.repository.ts';

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: number, expiresAt: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ token_hash: hashSessionToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return token;
}

export async function findSessionUser(
  db: Db,
  token: string,
  now: Date,
): Promise<{ userId: number; role: Role } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.role'])
    .where('sessions.token_hash', '=', hashSessionToken(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row && { userId: row.id, role: row.role };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(token)).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
