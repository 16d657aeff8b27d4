// Counts of sign-in attempts per key in fixed windows (table sign_in_attempts, migration 0007).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface AttemptCount {
  attempts: number;
  resetsAt: Date;
}

/**
 * Adds one attempt to `key` and answers the count so far in its window: a new window of
 * `windowMs` when there was none or it is over. One upsert, so concurrent attempts (from any
 * process) are each counted once.
 */
export async function countAttempt(db: Db, key: string, now: Date, windowMs: number): Promise<AttemptCount> {
  const row = await db
    .insertInto('sign_in_attempts')
    .values({ key, attempts: 1, resets_at: new Date(now.getTime() + windowMs) })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        attempts: sql`case when sign_in_attempts.resets_at <= ${now} then 1
          else sign_in_attempts.attempts + 1 end`,
        resets_at: sql`case when sign_in_attempts.resets_at <= ${now} then excluded.resets_at
          else sign_in_attempts.resets_at end`,
      }),
    )
    .returning(['attempts', 'resets_at'])
    .executeTakeFirstOrThrow();
  return { attempts: row.attempts, resetsAt: new Date(row.resets_at) };
}

/** Takes back one attempt of `key`, if its window is still the one that counted it. */
export async function uncountAttempt(db: Db, key: string, resetsAt: Date): Promise<void> {
  await db
    .updateTable('sign_in_attempts')
    .set({ attempts: sql`greatest(attempts - 1, 0)` })
    .where('key', '=', key)
    .where('resets_at', '=', resetsAt)
    .execute();
}

export async function deleteFinishedWindows(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sign_in_attempts').where('resets_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
