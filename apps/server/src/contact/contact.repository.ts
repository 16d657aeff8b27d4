// All SQL about a user's contact settings and the verification emails queued for them.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { UsersTable } from '../db/schema.ts';

export type ContactRow = Pick<
  Selectable<UsersTable>,
  'email' | 'email_verified_at' | 'email_failed_at' | 'email_failure' | 'time_zone'
>;

const CONTACT_COLUMNS = [
  'email',
  'email_verified_at',
  'email_failed_at',
  'email_failure',
  'time_zone',
] as const;

export function findContact(db: Db, userId: number): Promise<ContactRow | undefined> {
  return db.selectFrom('users').select(CONTACT_COLUMNS).where('id', '=', userId).executeTakeFirst();
}

/** The same, with the user's row locked until the transaction ends (one change at a time). */
export function lockContact(db: Db, userId: number): Promise<ContactRow | undefined> {
  return db
    .selectFrom('users')
    .select(CONTACT_COLUMNS)
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateContact(db: Db, userId: number, changes: Partial<ContactRow>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', userId).execute();
}

/** Queues the email with the link that confirms `address`, for the delivery worker to send at `dueAt`. */
export async function queueVerification(
  db: Db,
  userId: number,
  address: string,
  now: Date,
  dueAt: Date,
): Promise<void> {
  await db
    .insertInto('deliveries')
    .values({
      channel: 'email',
      purpose: 'email_verification',
      user_id: userId,
      payload: JSON.stringify({ address }),
      due_at: dueAt,
      created_at: now,
    })
    .execute();
}

/** When the user's newest verification email was queued and is due, if there is one. */
export function latestVerification(
  db: Db,
  userId: number,
): Promise<{ created_at: Date; due_at: Date } | undefined> {
  return db
    .selectFrom('deliveries')
    .select(['created_at', 'due_at'])
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email_verification')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Marks `email` confirmed, and no longer failing (its link was just opened), if it is still the
 * user's address. False when it is not.
 */
export async function markVerified(db: Db, userId: number, email: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ email_verified_at: now, email_failed_at: null, email_failure: null })
    .where('id', '=', userId)
    .where('email', '=', email)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
