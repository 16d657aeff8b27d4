// Cookie sessions for the browser. The cookie holds a random token; the table holds its SHA-256,
// so signing out (deleting the row) ends the session everywhere at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@webinar/contracts';
import type { Db } from '../db/database.ts';

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

export interface SessionUser {
  userId: number;
  role: Role;
  expiresAtMs: number;
  sessionHash: string;
}

export async function findSessionUser(db: Db, token: string, now: Date): Promise<SessionUser | undefined> {
  const sessionHash = hashSessionToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.role', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sessionHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row && { userId: row.id, role: row.role, expiresAtMs: row.expires_at.getTime(), sessionHash };
}

/** Ends the session; returns its user and hash, or undefined when there was none. */
export async function deleteSession(
  db: Db,
  token: string,
): Promise<{ userId: number; sessionHash: string } | undefined> {
  const sessionHash = hashSessionToken(token);
  const row = await db
    .deleteFrom('sessions')
    .where('token_hash', '=', sessionHash)
    .returning('user_id')
    .executeTakeFirst();
  return row && { userId: row.user_id, sessionHash };
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
